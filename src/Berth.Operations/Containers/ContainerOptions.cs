namespace Berth.Operations.Containers;

/// <summary>`berth stop`, `berth kill`, `berth restart`, `berth rm` and `berth wait`: the same verb on each container.</summary>
public sealed record ContainerBatchOptions
{
    /// <summary>Names or ids, in the order they are reported.</summary>
    public required IReadOnlyList<string> Containers { get; init; }

    /// <summary>stop and restart -t: seconds before SIGKILL; the container's own (else 10) when null.</summary>
    public int? Timeout { get; init; }

    /// <summary>stop -s and kill -s: the signal (kill's default is KILL; stop's, the container's stop signal).</summary>
    public string? Signal { get; init; }

    /// <summary>rm -f: kill a running container first; no error for one that does not exist.</summary>
    public bool Force { get; init; }

    /// <summary>rm -v: remove the container's anonymous volumes with it.</summary>
    public bool Volumes { get; init; }

    /// <summary>What succeeded: each name as given (the exit code, for wait).</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>What failed, a line each.</summary>
    public required TextWriter Stderr { get; init; }
}

/// <summary>`berth logs`.</summary>
public sealed record ContainerLogsOptions
{
    /// <summary>Name or id.</summary>
    public required string Container { get; init; }

    /// <summary>-f: go on until the container stops.</summary>
    public bool Follow { get; init; }

    /// <summary>--tail: a number of lines, or <c>all</c>.</summary>
    public string? Tail { get; init; }

    /// <summary>--since and --until: RFC 3339 times, durations before now (10m), or Unix seconds.</summary>
    public string? Since { get; init; }

    /// <inheritdoc cref="Since"/>
    public string? Until { get; init; }

    /// <summary>-t: each line after its time (RFC 3339 with nanoseconds).</summary>
    public bool Timestamps { get; init; }

    /// <summary>The container's stdout entries.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>The container's stderr entries.</summary>
    public required TextWriter Stderr { get; init; }

    /// <summary>The clock durations count back from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>`berth ps` / `berth container ls`.</summary>
public sealed record ContainerListOptions
{
    /// <summary>-a: stopped containers too.</summary>
    public bool All { get; init; }

    /// <summary>-q: ids only.</summary>
    public bool Quiet { get; init; }

    /// <summary>-n: the last N made (any state); -l is 1.</summary>
    public int? Last { get; init; }

    /// <summary>--no-trunc.</summary>
    public bool NoTrunc { get; init; }

    /// <summary>-s: a SIZE column.</summary>
    public bool Size { get; init; }

    /// <summary>--format: table, table TEMPLATE, json or a template.</summary>
    public string? Format { get; init; }

    /// <summary>--filter KEY=VALUE.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Where the listing goes.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>The clock "2 minutes ago" counts from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The snapshotter an image's size is read in.</summary>
    public string Snapshotter { get; init; } = Images.ImageDefaults.Snapshotter;
}

/// <summary>`berth inspect` / `berth container inspect`.</summary>
public sealed record ContainerInspectOptions
{
    /// <summary>Names or ids.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>-f: a Go template per object instead of the JSON array.</summary>
    public string? Format { get; init; }

    /// <summary>
    /// --type: <c>container</c> (as `berth container inspect`), <c>image</c>, or null for either: a container first,
    /// then an image, as `docker inspect` looks names up.
    /// </summary>
    public string? Type { get; init; }

    /// <summary>Where the JSON goes.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Where per-name errors go.</summary>
    public required TextWriter Stderr { get; init; }
}
