using System.Runtime.Versioning;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Oci;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Diff;

/// <summary>
/// containerd's Diff service (diff/apply and diff/walking): applies layer blobs onto mounts and computes layers
/// between two mounted trees, reading and writing blobs through one namespace's content store. Temporary mounts
/// go under <paramref name="scratchRoot"/>.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class DiffService(IContentStore content, ISyscalls syscalls, string scratchRoot, ILogger? logger = null) : IDiffService
{
    /// <summary>The label that records a compressed layer's uncompressed digest (its diff ID).</summary>
    public const string UncompressedLabel = "containerd.io/uncompressed";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    // containerd hands a layer to its stream processors by media type; berth has none beyond (de)compression.
    private static void RequireLayerMediaType(string mediaType)
    {
        if (MediaTypes.CompressionOf(mediaType) == LayerCompression.Unknown && !mediaType.EndsWith(".tar", StringComparison.Ordinal))
        {
            throw new UnimplementedException(
                $"no stream processor for media type {mediaType}: berth applies tar layers (plain, gzip or zstd) only");
        }
    }
}
