using System.Buffers;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Archive;

/// <summary>
/// Reads a tar archive (plain or gzip) front to back, as it streams in: documents into memory, every other file into
/// the content store through an ingest (a file under <c>blobs/&lt;alg&gt;/</c> must match its digest), links noted.
/// Nothing but documents is held in memory.
/// </summary>
internal sealed class ArchiveReader(IContentStore content)
{
    private const int MaxDocumentSize = 32 << 20;
    private const int CopyBufferSize = 256 * 1024;

    public async Task<ArchiveContents> ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var contents = new ArchiveContents();
        var (compression, peeked) = await ArchiveCompression.DetectAsync(source, cancellationToken);
        var archive = compression switch
        {
            LayerCompression.Gzip => new GZipStream(peeked, CompressionMode.Decompress),
            LayerCompression.Zstd => throw new InvalidArgumentException("the archive is compressed with zstd, which load does not read: decompress it first (zstd -d)"),
            _ => peeked,
        };
        await using (archive)
        {
            var tar = new TarReader(archive, leaveOpen: true);
            await using (tar)
            {
                for (var entry = await NextAsync(tar, cancellationToken); entry is not null; entry = await NextAsync(tar, cancellationToken))
                {
                    await ReadEntryAsync(contents, entry, cancellationToken);
                }
            }
        }

        return contents;
    }

    private static async Task<TarEntry?> NextAsync(TarReader tar, CancellationToken cancellationToken)
    {
        try
        {
            return await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new InvalidArgumentException($"the archive is not a valid tar archive: {ex.Message}", ex);
        }
    }

    private async Task ReadEntryAsync(ArchiveContents contents, TarEntry entry, CancellationToken cancellationToken)
    {
        string? path = ArchivePaths.Clean(entry.Name);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        switch (entry.EntryType)
        {
            case TarEntryType.SymbolicLink:
                string directory = path.Contains('/', StringComparison.Ordinal) ? path[..path.LastIndexOf('/')] + "/" : string.Empty;
                if (ArchivePaths.Clean(directory + entry.LinkName) is { } target)
                {
                    contents.Links[path] = target;
                }

                return;
            case TarEntryType.HardLink:
                if (ArchivePaths.Clean(entry.LinkName) is { } linked)
                {
                    contents.Links[path] = linked;
                }

                return;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                break;
            default:
                return;
        }

        var data = entry.DataStream ?? Stream.Null;
        if (ArchivePaths.IsDocument(path))
        {
            if (entry.Length > MaxDocumentSize)
            {
                throw new InvalidArgumentException($"{path} in the archive is {entry.Length} bytes, more than a document of an archive can be");
            }

            var bytes = new byte[entry.Length];
            await data.ReadExactlyAsync(bytes, cancellationToken);
            contents.Documents[path] = bytes;
            return;
        }

        contents.Blobs[path] = await IngestAsync(path, entry.Length, data, cancellationToken);
    }

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
