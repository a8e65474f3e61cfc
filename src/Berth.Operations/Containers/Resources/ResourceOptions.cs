namespace Berth.Operations.Containers.Resources;

/// <summary>`berth top CONTAINER [ps OPTIONS]`.</summary>
public sealed record ContainerTopOptions
{
    /// <summary>Name or id.</summary>
    public required string Container { get; init; }

    /// <summary>ps's options; <c>-ef</c> when empty.</summary>
    public IReadOnlyList<string> PsArgs { get; init; } = [];

    /// <summary>Where the table goes.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth stats [CONTAINER...]`.</summary>
public sealed record ContainerStatsOptions
{
    /// <summary>The containers to show; every running one (every one with <see cref="All"/>) when empty.</summary>
    public IReadOnlyList<string> Containers { get; init; } = [];

    /// <summary>-a: stopped containers too (without named containers only).</summary>
    public bool All { get; init; }

    /// <summary>--no-stream: one table, then exit.</summary>
    public bool NoStream { get; init; }

    /// <summary>--no-trunc: full ids.</summary>
    public bool NoTrunc { get; init; }

    /// <summary>--format: table, table TEMPLATE, json, or a Go template.</summary>
    public string? Format { get; init; }

    /// <summary>Time between two readings: CPU % is measured over it, and the live table redrawn after it.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where the table goes.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Where failures go.</summary>
    public required TextWriter Stderr { get; init; }
}

/// <summary>`berth update [OPTIONS] CONTAINER...`.</summary>
public sealed record ContainerUpdateOptions
{
    /// <summary>Names or ids, each printed as given once updated.</summary>
    public required IReadOnlyList<string> Containers { get; init; }

    /// <summary>The limits as typed (the same flags as <c>run</c>'s).</summary>
    public ResourceFlags Resources { get; init; } = new();

    /// <summary>--restart as typed.</summary>
    public string? Restart { get; init; }

    /// <summary>This machine's CPUs (<c>--cpus</c> is read against them).</summary>
    public FlagHost Host { get; init; } = FlagHost.Current;

    /// <summary>What succeeded: each name as given.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>What failed, after the successes.</summary>
    public required TextWriter Stderr { get; init; }
}
