namespace Berth.Operations.Volumes;

/// <summary>`berth volume create`.</summary>
public sealed record VolumeCreateOptions
{
    /// <summary>The name; the daemon makes one up (64 hex digits) when null.</summary>
    public string? Name { get; init; }

    /// <summary>-d: only <c>local</c> exists (an empty value means it too).</summary>
    public string? Driver { get; init; }

    /// <summary>--label and -o, KEY=VALUE each (a bare KEY has an empty value).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <inheritdoc cref="Labels"/>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Where the name goes.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth volume ls`.</summary>
public sealed record VolumeListOptions
{
    /// <summary>-q: names only (unless a template says otherwise, as docker).</summary>
    public bool Quiet { get; init; }

    /// <summary>-f: dangling, name, driver, label.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>--format: table, table TEMPLATE, json or a template.</summary>
    public string? Format { get; init; }

    /// <summary>Where the listing goes.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth volume inspect`.</summary>
public sealed record VolumeInspectOptions
{
    /// <summary>Names, reported in this order.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>-f: a template run over each volume instead of the JSON array.</summary>
    public string? Format { get; init; }

    /// <summary>Whose time zone CreatedAt is written in (dockerd writes its own local time).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the JSON goes.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Where a line per missing volume goes.</summary>
    public required TextWriter Stderr { get; init; }
}

/// <summary>`berth volume rm`.</summary>
public sealed record VolumeRemoveOptions
{
    /// <summary>Names, removed one after the other.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>-f: a missing volume is no error.</summary>
    public bool Force { get; init; }

    /// <summary>Where each removed name goes.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Where each failure goes.</summary>
    public required TextWriter Stderr { get; init; }
}

/// <summary>`berth volume prune`.</summary>
public sealed record VolumePruneOptions
{
    /// <summary>-a: named volumes too, not only anonymous ones.</summary>
    public bool All { get; init; }

    /// <summary>-f: do not ask.</summary>
    public bool Force { get; init; }

    /// <summary>--filter: label, label!, all.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Where the answer to the question is read.</summary>
    public required TextReader Stdin { get; init; }

    /// <summary>Where the question and the report go.</summary>
    public required TextWriter Stdout { get; init; }
}
