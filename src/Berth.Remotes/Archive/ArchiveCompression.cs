using Berth.Core.Errors;
using Berth.Core.IO;
using Berth.Oci;

namespace Berth.Remotes.Archive;

/// <summary>Tells how a stream that only goes forward is compressed, from its first bytes, without losing them.</summary>
internal static class ArchiveCompression
{
    private const int PeekSize = 6;

    /// <summary>
    /// The compression (gzip, zstd, or None for anything else) and a stream that starts again at the first byte.
    /// bzip2 and xz, which docker reads, fail with InvalidArgument.
    /// </summary>
    public static async Task<(LayerCompression Compression, Stream Stream)> DetectAsync(Stream source, CancellationToken cancellationToken)
    {
        byte[] head = new byte[PeekSize];
        int read = await source.ReadAtLeastAsync(head, PeekSize, throwOnEndOfStream: false, cancellationToken);
        var span = head.AsSpan(0, read);
        if (span.StartsWith("BZh"u8) || span.StartsWith((ReadOnlySpan<byte>)[0xfd, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0]))
        {
            throw new InvalidArgumentException("the tarball is compressed with bzip2 or xz, which berth does not read: decompress it, or compress it with gzip or zstd");
        }

        var compression = span.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b]) ? LayerCompression.Gzip
            : span.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]) ? LayerCompression.Zstd
            : LayerCompression.None;
        return (compression, new ReplayStream(head.AsMemory(0, read), source));
    }

    private sealed class ReplayStream(ReadOnlyMemory<byte> head, Stream rest) : ForwardReadStream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_head.IsEmpty)
            {
                return await rest.ReadAsync(buffer, cancellationToken);
            }

            int take = Math.Min(buffer.Length, _head.Length);
            _head.Span[..take].CopyTo(buffer.Span);
            _head = _head[take..];
            return take;
        }
    }
}
