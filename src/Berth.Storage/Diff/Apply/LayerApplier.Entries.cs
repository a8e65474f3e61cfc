using System.Buffers;
using System.Formats.Tar;
using Berth.Linux;
using Berth.Storage.Diff.FileSystem;

namespace Berth.Storage.Diff.Apply;

internal sealed partial class LayerApplier
{
    private async Task WriteFileAsync(string rel, TarEntry entry, SortedDictionary<string, byte[]> xattrs, CancellationToken cancellationToken)
    {
        ClearWay(rel);
        journal.NoteCreated(rel);
        if (writers.Accepts(entry.Length))
        {
            int length = (int)entry.Length;
            byte[] buffer = length == 0 ? [] : ArrayPool<byte>.Shared.Rent(length);
            int read = entry.DataStream is { } data ? await data.ReadAtLeastAsync(buffer.AsMemory(0, length), length, false, cancellationToken) : 0;
            if (read != length)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw Truncated(entry, read);
            }

            writers.Enqueue(rel, buffer, length, content => CreateFile(rel, entry, xattrs, content.Span));
            return;
        }

        long written = 0;
        // Plain descriptor, plain writes: FileStream's async path would hop to the thread pool for every write. The
        // attributes are set through the same descriptor, the mode exactly after the owner.
        using (var file = syscalls.CreateExclusive(view.HostPath(rel), (int)entry.Mode & 0x1ff))
        {
            if (entry.DataStream is { } data)
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
                try
                {
                    for (int read; (read = await data.ReadAsync(buffer, cancellationToken)) > 0;)
                    {
                        RandomAccess.Write(file, buffer.AsSpan(0, read), written);
                        written += read;
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            if (written != entry.Length)
            {
                throw Truncated(entry, written);
            }

            SetAttributes(rel, entry, FileKind.Regular, xattrs, file);
        }
    }

    /// <summary>A whole small file, on one of the <see cref="FileWriters"/>.</summary>
    private void CreateFile(string rel, TarEntry entry, SortedDictionary<string, byte[]> xattrs, ReadOnlySpan<byte> content)
    {
        using var file = syscalls.CreateExclusive(view.HostPath(rel), (int)entry.Mode & 0x1ff);
        RandomAccess.Write(file, content, 0);
        SetAttributes(rel, entry, FileKind.Regular, xattrs, file);
    }

    private static EndOfStreamException Truncated(TarEntry entry, long written)
        => new($"layer entry {entry.Name} holds {written} of its {entry.Length} bytes: the layer is truncated");

    private void MakeFolder(string rel, TarEntry entry, SortedDictionary<string, byte[]> xattrs)
    {
        var existing = rel == _knownFree ? null : view.LstatInRoot(rel);
        if (existing is { Kind: FileKind.Directory })
        {
            // An existing folder keeps its content; the layer only sets its attributes.
            journal.SaveFolder(rel);
        }
        else
        {
            bool overWhiteout = existing is not null && view.Mode == ApplyMode.Overlay && LayerView.IsWhiteout(existing);
            ClearWay(rel);
            journal.NoteCreated(rel);
            FsOps.MakeFolder(view.HostPath(rel), (int)entry.Mode);
            _createdFolders.Add(rel);
            if (overWhiteout)
            {
                syscalls.SetXattr(view.HostPath(rel), LayerView.OpaqueXattr, "y"u8);
            }
        }

        SetAttributes(rel, entry, FileKind.Directory, xattrs);
    }

    private void MakeSymlink(string rel, TarEntry entry, SortedDictionary<string, byte[]> xattrs)
    {
        if (entry.LinkName.Length == 0)
        {
            throw Refuse(entry.Name, "is a symlink to nothing");
        }

        ClearWay(rel);
        journal.NoteCreated(rel);
        File.CreateSymbolicLink(view.HostPath(rel), entry.LinkName);
        SetAttributes(rel, entry, FileKind.Symlink, xattrs);
    }

    private void MakeFifo(string rel, TarEntry entry, SortedDictionary<string, byte[]> xattrs)
    {
        ClearWay(rel);
        journal.NoteCreated(rel);
        syscalls.MakeNode(view.HostPath(rel), FileKind.Fifo, (int)entry.Mode, 0, 0);
        SetAttributes(rel, entry, FileKind.Fifo, xattrs);
    }

    /// <summary>
    /// A hard link to a path inside the root. In overlay mode a target that only a lower layer holds is copied up
    /// first, as overlayfs would. Like containerd's unpacker (so that both give the same tree), the entry's owner, xattrs,
    /// mode and times are set on the shared inode; layers made by diffing carry the target's own on the link.
    /// </summary>
    private async Task MakeHardLinkAsync(string rel, TarEntry entry, SortedDictionary<string, byte[]> xattrs, CancellationToken cancellationToken)
    {
        if (!EntryPath.TryClean(entry.LinkName, out var parts) || parts.Count == 0)
        {
            throw Refuse(entry.Name, $"is a hard link to {entry.LinkName}, which would land outside the snapshot");
        }

        string targetParent = ResolveParent(parts[..^1], entry.Name);
        string target = EntryPath.Combine(targetParent, parts[^1]);
        GuardBackup(target, entry.Name);
        if (target == rel)
        {
            throw Refuse(entry.Name, "is a hard link to itself");
        }

        var found = view.Lookup(target);
        if (found is null || found.Status.Kind == FileKind.Directory)
        {
            throw Refuse(entry.Name, $"is a hard link to {entry.LinkName}, which {(found is null ? "does not exist" : "is a folder")}");
        }

        if (!found.InRoot)
        {
            EnsureFolders(targetParent, entry.Name);
            journal.NoteCreated(target);
            MarkUnpacked(target);
            await FsOps.CopyUpAsync(syscalls, found.HostPath, found.Status, view.HostPath(target), cancellationToken);
        }

        ClearWay(rel);
        if (view.LstatInRoot(target) is null)
        {
            throw Refuse(entry.Name, $"is a hard link to {entry.LinkName}, which the entry itself replaced");
        }

        journal.NoteCreated(rel);
        string host = view.HostPath(rel);
        syscalls.Link(view.HostPath(target), host);
        SetAttributes(rel, entry, FileKind.Regular, xattrs);
    }

    /// <summary>Whatever is at <paramref name="rel"/> goes (into the journal's backups) before the entry takes its place.</summary>
    private void ClearWay(string rel)
    {
        if (rel != _knownFree && view.LstatInRoot(rel) is { } existing)
        {
            if (existing.Kind == FileKind.Directory)
            {
                // A folder goes with what the writers are still creating in it, and later entries' parents may run
                // through it.
                writers.WaitForAll();
                _ensuredParent = null;
            }

            journal.Displace(rel);
        }
    }
}
