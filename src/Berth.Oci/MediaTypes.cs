namespace Berth.Oci;

/// <summary>Media types of the OCI image spec and of Docker's image manifest v2, schema 2.</summary>
public static class MediaTypes
{
    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    /// <summary>OCI image index.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    /// <summary>OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";
    /// <summary>OCI layer, uncompressed tar.</summary>
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    /// <summary>OCI layer, gzip.</summary>
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    /// <summary>OCI layer, zstd.</summary>
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    /// <summary>Docker manifest, schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    /// <summary>Docker manifest list.</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    /// <summary>Docker image config.</summary>
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    /// <summary>Docker layer, gzip.</summary>
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    /// <summary>Docker layer, uncompressed (also used for foreign layers' compression-less form).</summary>
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";

    /// <summary>How a layer of the given media type is compressed.</summary>
    public static LayerCompression CompressionOf(string mediaType) => mediaType switch
    {
        OciLayerGzip or DockerLayerGzip => LayerCompression.Gzip,
        OciLayerZstd => LayerCompression.Zstd,
        OciLayer or DockerLayer => LayerCompression.None,
        _ when mediaType.EndsWith("+gzip", StringComparison.Ordinal) || mediaType.EndsWith(".gzip", StringComparison.Ordinal) => LayerCompression.Gzip,
        _ when mediaType.EndsWith("+zstd", StringComparison.Ordinal) => LayerCompression.Zstd,
        _ => LayerCompression.Unknown,
    };
}

/// <summary>The compression of a layer blob.</summary>
public enum LayerCompression
{
    /// <summary>Not known from the media type; detect it from the first bytes.</summary>
    Unknown,
    /// <summary>A plain tar stream.</summary>
    None,
    /// <summary>gzip (RFC 1952).</summary>
    Gzip,
    /// <summary>Zstandard (RFC 8878).</summary>
    Zstd,
}
