using Berth.Oci;

namespace Berth.Core.Transfer;

/// <summary>What an archive holds, and what to make of it.</summary>
public sealed record ImageImportRequest(ImportKind Kind)
{
    /// <summary>The snapshotter to unpack into; null for the daemon's default.</summary>
    public string? Snapshotter { get; init; }

    /// <summary>Rootfs: the name of the new image; null for none.</summary>
    public string? Reference { get; init; }

    /// <summary>Rootfs: Dockerfile instructions applied to the config (<c>CMD ["sh"]</c>, <c>ENV A=b</c>, <c>WORKDIR /x</c>…).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];

    /// <summary>Rootfs: the history comment; null for "Imported from &lt;source&gt;".</summary>
    public string? Message { get; init; }

    /// <summary>Rootfs: the platform the config declares; null for the daemon's own.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Rootfs: where the tarball came from (a file, a URL, <c>-</c>), for the history.</summary>
    public string Source { get; init; } = "-";
}

/// <summary>What kind of archive is imported.</summary>
public enum ImportKind
{
    /// <summary><c>load</c>: a docker archive (either layout) or an OCI archive, plain or gzip.</summary>
    Archive,
    /// <summary><c>import</c>: a tarball of a root filesystem (plain, gzip or zstd), made into a one-layer image.</summary>
    Rootfs,
}
