using System.Formats.Tar;
using System.IO.Compression;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Archive;

/// <summary>
/// Reads a tar archive (plain or gzip) front to back, as it streams in: documents into memory, every other file into
/// the content store through an ingest (a file under <c>blobs/&lt;alg&gt;/</c> must match its digest), links noted.
/// Nothing but documents is held in memory.
/// </summary>
internal sealed partial class ArchiveReader(IContentStore content)
{
    private const int MaxDocumentSize = 32 << 20;

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
}
