namespace Berth.Operations.Namespaces;

/// <summary>`berth namespace ls`.</summary>
public sealed record NamespaceListOptions
{
    /// <summary>Print names only.</summary>
    public bool Quiet { get; init; }

    /// <summary>Where the table goes.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth namespace create`.</summary>
public sealed record NamespaceCreateOptions
{
    /// <summary>The new namespace's name.</summary>
    public required string Name { get; init; }

    /// <summary>Labels as key=value.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
}

/// <summary>`berth namespace rm`.</summary>
public sealed record NamespaceRemoveOptions
{
    /// <summary>The namespaces to remove.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    /// <summary>Where removed names are printed.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Where per-name errors are printed.</summary>
    public required TextWriter Stderr { get; init; }
}
