using Berth.Linux.Mounts;
using System.IO.Compression;
using System.Security.Cryptography;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Oci;
using Berth.Storage.Diff.Compare;
using Berth.Storage.Diff.Tar;

namespace Berth.Storage.Diff;

public sealed partial class DiffService
{
    /// <inheritdoc />
    public async ValueTask<Descriptor> CompareAsync(IReadOnlyList<Mount> lower, IReadOnlyList<Mount> upper, DiffCompareOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        options ??= new DiffCompareOptions();
        var compression = MediaTypes.CompressionOf(options.MediaType);
        if (compression == LayerCompression.Unknown)
        {
            throw new UnimplementedException($"unsupported diff media type {options.MediaType}: want an OCI or Docker layer type (tar, tar+gzip or tar+zstd)");
        }

        if (upper.Count == 0)
        {
            throw new InvalidArgumentException("cannot compute a diff: no upper mounts given");
        }

        using var lowerTree = TempMount.Mount(syscalls, scratchRoot, lower, readOnly: true, _logger);
        using var upperTree = TempMount.Mount(syscalls, scratchRoot, upper, readOnly: true, _logger);
        bool uniqueRef = options.Ref is null;
        string reference = options.Ref ?? $"diff-{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var writer = await content.OpenWriterAsync(new ContentWriterOptions(reference), cancellationToken);
        var diffId = default(Digest);
        var blobDigest = default(Digest);
        await using (writer)
        {
            try
            {
                if (!uniqueRef)
                {
                    await writer.TruncateAsync(0, cancellationToken);
                }

                diffId = await WriteLayerAsync(writer, compression, lowerTree.Root, upperTree.Root, cancellationToken);
                blobDigest = writer.Digest;
                var labels = new Dictionary<string, string>(options.Labels ?? new Dictionary<string, string>()) { [UncompressedLabel] = diffId.ToString() };
                await writer.CommitAsync(0, blobDigest, labels, cancellationToken);
            }
            catch (AlreadyExistsException) when (!blobDigest.IsEmpty)
            {
                // The same layer is in the store already: that is the result.
            }
            catch when (uniqueRef)
            {
                await AbortQuietlyAsync(reference);
                throw;
            }
        }

        return await DescribeAsync(blobDigest, diffId, options.MediaType, cancellationToken);
    }

    private async Task<Digest> WriteLayerAsync(IContentWriter writer, LayerCompression compression, string lowerRoot, string upperRoot,
        CancellationToken cancellationToken)
    {
        await using var sink = new BufferedStream(new ContentWriterStream(writer), 1 << 20);
        Stream compressed = compression switch
        {
            LayerCompression.Gzip => new GZipStream(sink, CompressionLevel.Optimal, leaveOpen: true),
            LayerCompression.Zstd => new ZstdSharp.CompressionStream(sink, ZstdSharp.Compressor.DefaultCompressionLevel, leaveOpen: true),
            _ => sink,
        };
        Digest diffId;
        try
        {
            await using var hashing = new HashingWriteStream(compressed);
            var tar = new LayerTarWriter(hashing);
            var changes = new ChangeTarWriter(tar, upperRoot, syscalls);
            foreach (var change in new ChangeWalker(syscalls).Changes(lowerRoot, upperRoot, cancellationToken))
            {
                await changes.WriteAsync(change, cancellationToken);
            }

            await tar.FinishAsync(cancellationToken);
            diffId = hashing.Digest();
        }
        finally
        {
            // Closing the compressor writes its trailer into the sink.
            if (!ReferenceEquals(compressed, sink))
            {
                await compressed.DisposeAsync();
            }
        }

        await sink.FlushAsync(cancellationToken);
        return diffId;
    }

    private async Task<Descriptor> DescribeAsync(Digest digest, Digest diffId, string mediaType, CancellationToken cancellationToken)
    {
        var info = await content.InfoAsync(digest, cancellationToken);
        if (!info.Labels.ContainsKey(UncompressedLabel))
        {
            var labels = new Dictionary<string, string>(info.Labels) { [UncompressedLabel] = diffId.ToString() };
            info = await content.UpdateAsync(info with { Labels = labels }, [$"labels.{UncompressedLabel}"], cancellationToken);
        }

        DiffLog.Compared(_logger, digest.ToString(), mediaType, info.Size, diffId.ToString());
        return new Descriptor(mediaType, info.Digest, info.Size);
    }

    private async Task AbortQuietlyAsync(string reference)
    {
        try
        {
            await content.AbortAsync(reference, CancellationToken.None);
        }
        catch (NotFoundException)
        {
        }
    }
}
