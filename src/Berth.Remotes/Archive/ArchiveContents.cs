using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Archive;

/// <summary>
/// What was read from an archive: its small documents (manifest.json, index.json…) in memory, every other file as a
/// blob committed to the content store, and its links (old docker archives link repeated layers).
/// </summary>
internal sealed class ArchiveContents
{
    private const int MaxLinkDepth = 16;

    public Dictionary<string, byte[]> Documents { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, StoredBlob> Blobs { get; } = new(StringComparer.Ordinal);

    /// <summary>Link path → the path it points at, relative to the archive's root.</summary>
    public Dictionary<string, string> Links { get; } = new(StringComparer.Ordinal);

    /// <summary>The blob at <paramref name="path"/>, following links; InvalidArgument when the archive has none.</summary>
    public StoredBlob Blob(string path, string what)
    {
        string? current = ArchivePaths.Clean(path);
        for (int depth = 0; current is not null && depth < MaxLinkDepth; depth++)
        {
            if (Blobs.TryGetValue(current, out var blob))
            {
                return blob;
            }

            if (!Links.TryGetValue(current, out current))
            {
                break;
            }
        }

        throw new InvalidArgumentException($"the archive names {path} as {what}, but holds no such file: the archive is incomplete or corrupt");
    }
}

/// <summary>A file of the archive as committed to the content store.</summary>
internal sealed record StoredBlob(Digest Digest, long Size);
