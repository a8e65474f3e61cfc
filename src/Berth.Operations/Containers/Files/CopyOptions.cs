namespace Berth.Operations.Containers.Files;

/// <summary><c>docker cp</c>'s arguments and flags.</summary>
public sealed record ContainerCopyOptions
{
    /// <summary><c>CONTAINER:SRC_PATH</c>, a local path, or <c>-</c> for a tar on standard input.</summary>
    public required string Source { get; init; }

    /// <summary><c>CONTAINER:DEST_PATH</c>, a local path, or <c>-</c> for a tar on standard output.</summary>
    public required string Destination { get; init; }

    /// <summary><c>-a</c>: a container run as a user gets what is copied in owned by that user.</summary>
    public bool Archive { get; init; }

    /// <summary><c>-L</c>: a symlink as the source is copied as what it leads to.</summary>
    public bool FollowLink { get; init; }

    /// <summary><c>-q</c>: no "Successfully copied" line (there is none when standard error is not a terminal either).</summary>
    public bool Quiet { get; init; }

    /// <summary>The tar read for a source of <c>-</c>.</summary>
    public required Stream Stdin { get; init; }

    /// <summary>Where a destination of <c>-</c> writes the tar.</summary>
    public required Stream Stdout { get; init; }

    /// <summary>Where the "Successfully copied" line goes.</summary>
    public required TextWriter Stderr { get; init; }

    /// <summary>Whether standard error is a terminal (docker prints its progress line only then).</summary>
    public bool StderrIsTerminal { get; init; }
}

/// <summary><c>docker export</c>'s arguments and flags.</summary>
public sealed record ContainerExportOptions
{
    /// <summary>The container, by id, id prefix or name.</summary>
    public required string Container { get; init; }

    /// <summary><c>-o</c>: the file to write, instead of standard output.</summary>
    public string? Output { get; init; }

    /// <summary>Standard output.</summary>
    public required Stream Stdout { get; init; }

    /// <summary>Whether standard output is a terminal, which a tar is never written to.</summary>
    public bool StdoutIsTerminal { get; init; }
}
