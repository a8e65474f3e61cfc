namespace Berth.Operations.Info;

/// <summary>`berth version`.</summary>
public sealed record VersionOptions
{
    /// <summary>The CLI's own version and commit.</summary>
    public required string ClientVersion { get; init; }

    /// <summary>The CLI's commit.</summary>
    public required string ClientRevision { get; init; }

    /// <summary>Where the report goes.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth info`.</summary>
public sealed record InfoOptions
{
    /// <summary>Where the report goes.</summary>
    public required TextWriter Stdout { get; init; }
}
