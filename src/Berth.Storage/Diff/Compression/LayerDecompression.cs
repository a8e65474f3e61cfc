using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Storage.Diff.Compression;

/// <summary>Opens a layer blob as its tar stream, the compression read from its first bytes (containerd's DetectCompression).</summary>
internal static class LayerDecompression
{
    private static readonly byte[] GzipMagic = [0x1f, 0x8b];
    private static readonly byte[] ZstdMagic = [0x28, 0xb5, 0x2f, 0xfd];
    private static readonly byte[] Bzip2Magic = "BZh"u8.ToArray();
    private static readonly byte[] XzMagic = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

    public static async Task<(Stream Tar, LayerCompression Compression)> OpenAsync(IContentReader blob, Digest digest, CancellationToken cancellationToken)
    {
        byte[] head = new byte[6];
        int length = 0;
        while (length < head.Length)
        {
            int read = await blob.ReadAtAsync(head.AsMemory(length), length, cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        var start = head.AsSpan(0, length);
        if (start.StartsWith(GzipMagic))
        {
            return (new GzipMemberStream(blob), LayerCompression.Gzip);
        }

        if (start.StartsWith(ZstdMagic))
        {
            return (new ZstdSharp.DecompressionStream(blob.AsStream(), leaveOpen: false), LayerCompression.Zstd);
        }

        if (start.StartsWith(Bzip2Magic) || start.StartsWith(XzMagic))
        {
            throw new InvalidArgumentException(
                $"layer {digest} is compressed with {(start.StartsWith(XzMagic) ? "xz" : "bzip2")}, which OCI layers do not use: want tar, gzip or zstd");
        }

        return (blob.AsStream(), LayerCompression.None);
    }
}
