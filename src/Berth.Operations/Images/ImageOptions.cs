namespace Berth.Operations.Images;

/// <summary>`berth rmi` / `berth image rm`.</summary>
public sealed record ImageRemoveOptions
{
    /// <summary>Names or ids (or id prefixes).</summary>
    public required IReadOnlyList<string> Images { get; init; }

    /// <summary>-f: remove every name of an image given by id, even names in several repositories.</summary>
    public bool Force { get; init; }

    /// <summary>Where "Untagged:" and "Deleted:" lines go.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Where per-image errors go.</summary>
    public required TextWriter Stderr { get; init; }
}

/// <summary>`berth tag` / `berth image tag`.</summary>
public sealed record ImageTagOptions
{
    /// <summary>The image to tag: a name or an id.</summary>
    public required string Source { get; init; }

    /// <summary>The new name, NAME[:TAG].</summary>
    public required string Target { get; init; }
}

/// <summary>`berth image inspect`.</summary>
public sealed record ImageInspectOptions
{
    /// <summary>Names or ids.</summary>
    public required IReadOnlyList<string> Images { get; init; }

    /// <summary>The snapshotter whose usage is the size of an unpacked image.</summary>
    public string Snapshotter { get; init; } = ImageDefaults.Snapshotter;

    /// <summary>Where the JSON goes.</summary>
    public required TextWriter Stdout { get; init; }

    /// <summary>Where per-image errors go.</summary>
    public required TextWriter Stderr { get; init; }
}
