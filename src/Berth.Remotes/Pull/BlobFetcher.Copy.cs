using System.Buffers;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Pull;

internal sealed partial class BlobFetcher
{
    private const int BufferSize = 256 * 1024;

    // Appends the rest of the blob to the ingest, from where it stands.
    private async Task CopyAsync(IContentWriter writer, Descriptor blob, Action<long>? onProgress, LayerArrival? arrival,
        CancellationToken cancellationToken)
    {
        long offset = (await writer.StatusAsync(cancellationToken)).Offset;
        if (offset > blob.Size)
        {
            await writer.TruncateAsync(0, cancellationToken);
            offset = 0;
        }

        onProgress?.Invoke(offset);
        arrival?.Advance(offset);
        if (offset == blob.Size)
        {
            return;
        }

        if (offset > 0)
        {
            PullLog.Resuming(logger, blob.Digest.ToString(), repository.Name, offset);
        }

        var stream = await registry.FetchAsync(repository, blob, offset, cancellationToken);
        await using (stream)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            try
            {
                long reported = time.GetTimestamp();
                while (offset < blob.Size)
                {
                    int read = await ReadAsync(stream, buffer, offset, cancellationToken);
                    if (read == 0)
                    {
                        throw new InterruptedFetchException(offset, new EndOfStreamException($"the registry's response ended at byte {offset}"));
                    }

                    if (offset + read > blob.Size)
                    {
                        throw new FailedPreconditionException($"the registry sent more than the {blob.Size} bytes the descriptor gives");
                    }

                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    offset += read;
                    arrival?.Advance(offset);
                    if (onProgress is not null && (offset == blob.Size || time.GetElapsedTime(reported) >= settings.ProgressInterval))
                    {
                        reported = time.GetTimestamp();
                        onProgress(offset);
                    }
                }

                // Reading to the end lets the registry client check what it can (size, and the digest from offset 0).
                if (await ReadAsync(stream, buffer, offset, cancellationToken) != 0)
                {
                    throw new FailedPreconditionException($"the registry sent more than the {blob.Size} bytes the descriptor gives");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // A read that fails half-way is worth resuming; what the registry client reports as wrong content is not.
    private static async Task<int> ReadAsync(Stream stream, byte[] buffer, long offset, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnavailableException && !cancellationToken.IsCancellationRequested)
        {
            throw new InterruptedFetchException(offset, ex);
        }
    }

    private sealed class InterruptedFetchException(long written, Exception inner) : Exception(inner.Message, inner)
    {
        public long Written { get; } = written;
    }
}
