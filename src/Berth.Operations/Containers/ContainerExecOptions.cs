namespace Berth.Operations.Containers;

/// <summary>`berth exec` / `berth container exec`.</summary>
public sealed record ContainerExecOptions
{
    /// <summary>Name or id of a running container.</summary>
    public required string Container { get; init; }

    /// <summary>The program and its arguments.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>-d: start the process and return at once.</summary>
    public bool Detach { get; init; }

    /// <summary>-i: the user's stdin goes to the process (closed at its end).</summary>
    public bool Interactive { get; init; }

    /// <summary>-t: a terminal for the process.</summary>
    public bool Tty { get; init; }

    /// <summary>-e, over the container's environment (after the env files).</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>--env-file, read before -e.</summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>-u; the container's user when null.</summary>
    public string? User { get; init; }

    /// <summary>-w; the container's working folder when null.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>--privileged.</summary>
    public bool Privileged { get; init; }

    /// <summary>--detach-keys; Ctrl-P Ctrl-Q when null.</summary>
    public string? DetachKeys { get; init; }

    /// <summary>The user's stdio and terminal.</summary>
    public required IContainerConsole Console { get; init; }

    /// <summary>The environment <c>-e NAME</c> and env files take values from.</summary>
    public FlagHost? Host { get; init; }
}

/// <summary>`berth attach` / `berth container attach`.</summary>
public sealed record ContainerAttachOptions
{
    /// <summary>Name or id of a running container.</summary>
    public required string Container { get; init; }

    /// <summary>--no-stdin: do not pass the user's stdin on.</summary>
    public bool NoStdin { get; init; }

    /// <summary>--sig-proxy: signals berth receives go to a container without a terminal.</summary>
    public bool SigProxy { get; init; } = true;

    /// <summary>--detach-keys; Ctrl-P Ctrl-Q when null.</summary>
    public string? DetachKeys { get; init; }

    /// <summary>The user's stdio and terminal.</summary>
    public required IContainerConsole Console { get; init; }
}

/// <summary>`berth rename`.</summary>
public sealed record ContainerRenameOptions
{
    /// <summary>Name or id.</summary>
    public required string Container { get; init; }

    /// <summary>The new name.</summary>
    public required string NewName { get; init; }
}

/// <summary>`berth container prune`.</summary>
public sealed record ContainerPruneOptions
{
    /// <summary>-f: no question asked.</summary>
    public bool Force { get; init; }

    /// <summary>--filter: <c>until=TIME</c>, <c>label=KEY[=VALUE]</c>, <c>label!=KEY[=VALUE]</c>.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Where the answer to the question is read.</summary>
    public required TextReader Stdin { get; init; }

    /// <summary>The question and the report.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>The clock <c>until=10m</c> counts back from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
