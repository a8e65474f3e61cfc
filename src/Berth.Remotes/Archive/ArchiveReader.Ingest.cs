using System.Buffers;
using System.Security.Cryptography;
using Berth.Core.Content;
using Berth.Core.Errors;

namespace Berth.Remotes.Archive;

internal sealed partial class ArchiveReader
{
    private const int CopyBufferSize = 256 * 1024;

    // Writes one file of the archive to the store through its own ingest; a failed write leaves no ingest behind.
    private async Task<StoredBlob> IngestAsync(string path, long size, Stream data, CancellationToken cancellationToken)
    {
        var expected = ArchivePaths.DigestOf(path);
        string reference = $"import-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        IContentWriter writer;
        try
        {
            writer = await content.OpenWriterAsync(new ContentWriterOptions(reference) { ExpectedDigest = expected, ExpectedSize = size }, cancellationToken);
        }
        catch (AlreadyExistsException) when (expected is { } present)
        {
            return new StoredBlob(present, size); // the store has it: the tar reader skips the bytes
        }

        bool committed = false;
        try
        {
            await using (writer)
            {
                await CopyAsync(data, writer, cancellationToken);
                var digest = writer.Digest;
                if (expected is { } promised && promised != digest)
                {
                    throw new InvalidArgumentException($"{path} in the archive has digest {digest}, not the one its name gives: the archive is corrupt");
                }

                try
                {
                    await writer.CommitAsync(size, digest, null, cancellationToken);
                }
                catch (AlreadyExistsException)
                {
                }
                catch (FailedPreconditionException ex)
                {
                    throw new InvalidArgumentException($"{path} in the archive is truncated ({ex.Message}): the archive is incomplete", ex);
                }

                committed = true;
                return new StoredBlob(digest, size);
            }
        }
        finally
        {
            if (!committed)
            {
                await AbortQuietlyAsync(reference);
            }
        }
    }

    private static async Task CopyAsync(Stream data, IContentWriter writer, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            for (int read; (read = await data.ReadAsync(buffer, cancellationToken)) > 0;)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            throw new InvalidArgumentException($"the archive is truncated or corrupt: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task AbortQuietlyAsync(string reference)
    {
        try
        {
            await content.AbortAsync(reference, CancellationToken.None);
        }
        catch (BerthException)
        {
        }
    }
}
