namespace Berth.Oci.Manifests;

/// <summary>What a media type names, in containerd's terms (images/mediatypes.go), beside <see cref="MediaTypes"/>.</summary>
public static class ManifestMediaTypes
{
    /// <summary>Docker's signed schema 1 manifest, which berth does not pull.</summary>
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /// <summary>Docker's unsigned schema 1 manifest.</summary>
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";

    /// <summary>A Docker layer that registries may refuse to serve (Windows base layers), gzip.</summary>
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /// <summary>A Docker layer that registries may refuse to serve, uncompressed.</summary>
    public const string DockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar";

    /// <summary>containerd's checkpoint config, which its GC labels treat as a config.</summary>
    public const string ContainerdCheckpointConfig = "application/vnd.containerd.container.checkpoint.config.v1+proto";

    /// <summary>containerd's checkpoint image, also a config to its GC labels.</summary>
    public const string ContainerdCheckpoint = "application/vnd.containerd.container.criu.checkpoint.criu.tar";

    /// <summary>An OCI image index or a Docker manifest list.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is MediaTypes.OciIndex or MediaTypes.DockerManifestList;

    /// <summary>An OCI image manifest or a Docker schema 2 manifest.</summary>
    public static bool IsManifest(string? mediaType) => mediaType is MediaTypes.OciManifest or MediaTypes.DockerManifest;

    /// <summary>A Docker schema 1 manifest, signed or not.</summary>
    public static bool IsSchema1(string? mediaType) => mediaType is DockerSchema1 or DockerSchema1Signed;

    /// <summary>An image config (OCI or Docker).</summary>
    public static bool IsConfig(string? mediaType) => mediaType is MediaTypes.OciConfig or MediaTypes.DockerConfig;

    /// <summary>Any config containerd labels as <c>gc.ref.content.config</c>: image configs and checkpoint configs.</summary>
    public static bool IsKnownConfig(string? mediaType) => IsConfig(mediaType) || mediaType is ContainerdCheckpoint or ContainerdCheckpointConfig;

    /// <summary>A layer: any OCI layer type (also encrypted or non-distributable ones), or a Docker rootfs diff.</summary>
    public static bool IsLayer(string? mediaType)
    {
        if (mediaType is null)
        {
            return false;
        }

        if (mediaType.StartsWith("application/vnd.oci.image.layer.", StringComparison.Ordinal))
        {
            return true;
        }

        int plus = mediaType.IndexOf('+', StringComparison.Ordinal);
        return (plus < 0 ? mediaType : mediaType[..plus]) is MediaTypes.DockerLayer or MediaTypes.DockerLayerGzip
            or DockerForeignLayer or DockerForeignLayerGzip;
    }

    /// <summary>A layer berth can unpack: a tar, plain or compressed with gzip or zstd (not encrypted, not unknown).</summary>
    public static bool IsUnpackableLayer(string? mediaType)
        => IsLayer(mediaType) && !mediaType!.EndsWith("+encrypted", StringComparison.Ordinal)
            && (MediaTypes.CompressionOf(mediaType) != LayerCompression.Unknown || mediaType.EndsWith(".tar", StringComparison.Ordinal));
}
