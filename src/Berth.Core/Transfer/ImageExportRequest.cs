using Berth.Oci;

namespace Berth.Core.Transfer;

/// <summary>What to write into an archive, and in which layout.</summary>
/// <param name="Images">The images, by record name, in the order given; the same image may come under several names.</param>
public sealed record ImageExportRequest(IReadOnlyList<ExportedImage> Images)
{
    /// <summary>The layout of the archive.</summary>
    public ArchiveFormat Format { get; init; } = ArchiveFormat.Docker;

    /// <summary>The platform to pick from an index; null for the daemon's own.</summary>
    public Platform? Platform { get; init; }
}

/// <summary>One image to export.</summary>
/// <param name="Name">The image record's full name.</param>
/// <param name="Untagged">Write the image without its name, as docker saves an image given by id.</param>
public sealed record ExportedImage(string Name, bool Untagged = false);

/// <summary>The layouts berth writes.</summary>
public enum ArchiveFormat
{
    /// <summary>docker save's: <c>manifest.json</c> and <c>repositories</c> beside an OCI layout (docker 25).</summary>
    Docker,
    /// <summary>An OCI image layout only: <c>oci-layout</c>, <c>index.json</c>, <c>blobs/</c>.</summary>
    Oci,
}
