using System.Formats.Tar;
using Berth.Linux;
using Berth.Storage.Diff.Tar;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Diff.Apply;

/// <summary>
/// Unpacks one OCI layer tar onto a <see cref="LayerView"/> (containerd's archive.Apply), writing every change
/// through the <see cref="ApplyJournal"/> so that the caller can roll the whole layer back.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed partial class LayerApplier(LayerView view, ApplyJournal journal, FileWriters writers, ISyscalls syscalls, ILogger logger)
{
    private const string WhiteoutPrefix = ".wh.";
    private const string WhiteoutMetaPrefix = ".wh..wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    // Every path an entry of this layer wrote, and their ancestors: an opaque marker keeps these.
    private readonly HashSet<string> _unpacked = new(StringComparer.Ordinal);
    private readonly List<(string Path, DateTimeOffset Accessed, DateTimeOffset Modified)> _folderTimes = [];

    // Folders this apply made (and the root, when it started empty): whatever they hold, this layer's entries put
    // there, so a path in one that no entry has written yet needs no lstat to know it is free.
    private readonly HashSet<string> _createdFolders = new(StringComparer.Ordinal);

    // The current entry's path when it is known to be free (see above); null otherwise.
    private string? _knownFree;

    /// <summary>Applies every entry of <paramref name="reader"/>, then the folders' times.</summary>
    public async Task ApplyAsync(TarReader reader, TarStreamTap tap, CancellationToken cancellationToken)
    {
        if (!Directory.EnumerateFileSystemEntries(view.Root).Any())
        {
            _createdFolders.Add(string.Empty);
        }

        for (int index = 0; await NextEntryAsync(reader, tap, cancellationToken) is { } entry; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var xattrs = TarEntryXattrs.Read(entry, tap.XattrsFor(index));
            await ApplyEntryAsync(entry, xattrs, cancellationToken);
        }

        // Last, so that writing a folder's content does not move its mtime again (containerd does the same).
        writers.WaitForAll();
        foreach (var (path, accessed, modified) in _folderTimes)
        {
            if (view.LstatInRoot(path) is { Kind: FileKind.Directory })
            {
                syscalls.SetTimes(view.HostPath(path), accessed, modified);
            }
        }
    }

    private static async Task<TarEntry?> NextEntryAsync(TarReader reader, TarStreamTap tap, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.GetNextEntryAsync(copyData: false, cancellationToken);
        }
        catch (EndOfStreamException) when (tap.EndedAtEntryBoundary)
        {
            return null;
        }
    }

    private async Task ApplyEntryAsync(TarEntry entry, SortedDictionary<string, byte[]> xattrs, CancellationToken cancellationToken)
    {
        _knownFree = null;
        string name = entry.Name;
        switch (entry.EntryType)
        {
            case TarEntryType.GlobalExtendedAttributes:
                DiffLog.IgnoredEntry(logger, name, "PAX global header");
                return;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                throw Refuse(name, "is a device node; OCI layers mark deletions with .wh. files, so a device in a layer is hostile");
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile or TarEntryType.Directory
                or TarEntryType.SymbolicLink or TarEntryType.HardLink or TarEntryType.Fifo:
                break;
            default:
                throw Refuse(name, $"has the tar type {entry.EntryType}, which layers cannot carry");
        }

        if (!EntryPath.TryClean(name, out var parts))
        {
            throw Refuse(name, "would land outside the snapshot");
        }

        if (parts.Count == 0)
        {
            DiffLog.IgnoredEntry(logger, name, "it is the root itself");
            return;
        }

        string baseName = parts[^1];
        string parent = ResolveParent(parts[..^1], name);
        GuardBackup(parent.Length == 0 ? baseName : parent, name);
        if (baseName.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            ApplyWhiteout(entry, parent, baseName);
            return;
        }

        string rel = EntryPath.Combine(parent, baseName);
        EnsureFolders(parent, name);
        _knownFree = _createdFolders.Contains(parent) && !_unpacked.Contains(rel) ? rel : null;
        MarkUnpacked(rel);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                MakeFolder(rel, entry, xattrs);
                break;
            case TarEntryType.SymbolicLink:
                MakeSymlink(rel, entry, xattrs);
                break;
            case TarEntryType.HardLink:
                await MakeHardLinkAsync(rel, entry, xattrs, cancellationToken);
                break;
            case TarEntryType.Fifo:
                MakeFifo(rel, entry, xattrs);
                break;
            default:
                await WriteFileAsync(rel, entry, xattrs, cancellationToken);
                break;
        }
    }

    private void MarkUnpacked(string rel)
    {
        _unpacked.Add(rel);
        foreach (string ancestor in EntryPath.AncestorsOf(rel))
        {
            _unpacked.Add(ancestor);
        }
    }

    private static Core.Errors.InvalidArgumentException Refuse(string entry, string why) => new($"layer entry {entry} {why}: refused");
}
