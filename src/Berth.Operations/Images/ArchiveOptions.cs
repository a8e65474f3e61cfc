using Berth.Core.Transfer;

namespace Berth.Operations.Images;

/// <summary>`berth save` / `berth image save`.</summary>
public sealed record ImageSaveOptions
{
    /// <summary>Names or ids of the images.</summary>
    public required IReadOnlyList<string> Images { get; init; }

    /// <summary>-o: the file to write (through a temporary file beside it); null for <see cref="Stdout"/>.</summary>
    public string? Output { get; init; }

    /// <summary>--format: docker (default) or oci.</summary>
    public ArchiveFormat Format { get; init; } = ArchiveFormat.Docker;

    /// <summary>--platform: the platform to save of a multi-platform image; null for the host's.</summary>
    public string? Platform { get; init; }

    /// <summary>Where the archive goes without -o.</summary>
    public required Stream Stdout { get; init; }

    /// <summary>Whether standard output is a terminal: an archive is not written to one.</summary>
    public bool StdoutIsTerminal { get; init; }
}

/// <summary>`berth load` / `berth image load`.</summary>
public sealed record ImageLoadOptions
{
    /// <summary>-i: the archive to read; null for <see cref="Stdin"/>.</summary>
    public string? Input { get; init; }

    /// <summary>-q: no progress.</summary>
    public bool Quiet { get; init; }

    /// <summary>Where the archive comes from without -i.</summary>
    public required Stream Stdin { get; init; }

    /// <summary>Whether standard input is a terminal (nothing to read then).</summary>
    public bool StdinIsTerminal { get; init; }

    /// <summary>Where "Loaded image:" lines go.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth import` / `berth image import`.</summary>
public sealed record ImageImportOptions
{
    /// <summary>A file, an http(s) URL, or <c>-</c> for <see cref="Stdin"/>.</summary>
    public required string Source { get; init; }

    /// <summary>REPOSITORY[:TAG] of the new image; null for none.</summary>
    public string? Reference { get; init; }

    /// <summary>-c: Dockerfile instructions for the config.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>-m: the history comment.</summary>
    public string? Message { get; init; }

    /// <summary>--platform: os/arch[/variant] of the image; null for the host's.</summary>
    public string? Platform { get; init; }

    public required Stream Stdin { get; init; }

    /// <summary>Where the new image's id goes.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth image prune`.</summary>
public sealed record ImagePruneOptions
{
    /// <summary>-a: every image no container uses (berth has no containers yet: every image), not only dangling ones.</summary>
    public bool All { get; init; }

    /// <summary>-f: do not ask.</summary>
    public bool Force { get; init; }

    /// <summary>The snapshotter of unpacked images, unless the unpack recorded another.</summary>
    public string Snapshotter { get; init; } = ImageDefaults.Snapshotter;

    /// <summary>Where the confirmation is read.</summary>
    public required TextReader Stdin { get; init; }

    public required TextWriter Stdout { get; init; }
}

/// <summary>`berth system df`.</summary>
public sealed record SystemDiskUsageOptions
{
    /// <summary>-v: the images one by one too.</summary>
    public bool Verbose { get; init; }

    /// <summary>--format: table, table TEMPLATE, json, or a template (fields Type, TotalCount, Active, Size, Reclaimable).</summary>
    public string? Format { get; init; }

    public string Snapshotter { get; init; } = ImageDefaults.Snapshotter;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public required TextWriter Stdout { get; init; }
}
