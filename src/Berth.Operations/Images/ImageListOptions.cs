namespace Berth.Operations.Images;

/// <summary>`berth images` / `berth image ls`.</summary>
public sealed record ImageListOptions
{
    /// <summary>-a: docker also lists intermediate images; berth has none, so this changes nothing.</summary>
    public bool All { get; init; }

    /// <summary>-q: print image ids only.</summary>
    public bool Quiet { get; init; }

    /// <summary>--digests: add the DIGEST column.</summary>
    public bool Digests { get; init; }

    /// <summary>--no-trunc: full ids.</summary>
    public bool NoTrunc { get; init; }

    /// <summary>--filter values (reference=, label=, dangling=, before=, since=).</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>--format: table, table TEMPLATE, json, or a template; empty for the default table.</summary>
    public string? Format { get; init; }

    /// <summary>The snapshotter whose usage is the size of an unpacked image, unless the unpack recorded another.</summary>
    public string Snapshotter { get; init; } = ImageDefaults.Snapshotter;

    /// <summary>The clock CREATED is counted from.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the list goes.</summary>
    public required TextWriter Stdout { get; init; }
}

/// <summary>Defaults shared by the image commands.</summary>
public static class ImageDefaults
{
    /// <summary>containerd's default snapshotter, and berthd's.</summary>
    public const string Snapshotter = "overlayfs";
}
