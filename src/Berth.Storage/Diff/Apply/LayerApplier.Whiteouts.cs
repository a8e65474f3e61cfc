using System.Formats.Tar;
using Berth.Linux;

namespace Berth.Storage.Diff.Apply;

internal sealed partial class LayerApplier
{
    /// <summary>
    /// <c>.wh.&lt;name&gt;</c> deletes <c>name</c>; <c>.wh..wh..opq</c> makes its folder opaque. In overlay mode
    /// they become what overlayfs reads: a 0/0 character device and <c>trusted.overlay.opaque=y</c>.
    /// </summary>
    private void ApplyWhiteout(TarEntry entry, string parent, string baseName)
    {
        if (baseName == OpaqueMarker)
        {
            EnsureFolders(parent, entry.Name);
            if (view.Mode == ApplyMode.Overlay)
            {
                journal.SaveFolder(parent);
                syscalls.SetXattr(view.HostPath(parent), LayerView.OpaqueXattr, "y"u8);
            }

            ClearFolder(parent);
            return;
        }

        if (baseName.StartsWith(WhiteoutMetaPrefix, StringComparison.Ordinal))
        {
            DiffLog.IgnoredEntry(logger, entry.Name, "AUFS metadata whiteout");
            return;
        }

        string name = baseName[WhiteoutPrefix.Length..];
        if (name.Length == 0 || name is "." or "..")
        {
            throw Refuse(entry.Name, "is a whiteout that names no file in its folder");
        }

        string rel = EntryPath.Combine(parent, name);
        GuardBackup(rel, entry.Name);
        EnsureFolders(parent, entry.Name);
        ClearWay(rel);
        if (view.Mode == ApplyMode.Overlay)
        {
            journal.NoteCreated(rel);
            MarkUnpacked(rel);
            syscalls.MakeNode(view.HostPath(rel), FileKind.CharDevice, 0, 0, 0);
            syscalls.Lchown(view.HostPath(rel), entry.Uid, entry.Gid);
        }
    }

    /// <summary>
    /// Takes out of <paramref name="folder"/> everything this layer did not write, recursing into the folders it
    /// did write (containerd walks the folder the same way); the backup folder stays.
    /// </summary>
    private void ClearFolder(string folder)
    {
        string host = view.HostPath(folder);
        writers.WaitForAll();
        if (view.LstatInRoot(folder) is not { Kind: FileKind.Directory })
        {
            return;
        }

        foreach (string child in Directory.EnumerateFileSystemEntries(host).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!)
        {
            string rel = EntryPath.Combine(folder, child!);
            if (folder.Length == 0 && child == journal.BackupName)
            {
                continue;
            }

            if (!_unpacked.Contains(rel))
            {
                _ensuredParent = null;
                journal.Displace(rel);
            }
            else if (view.LstatInRoot(rel) is { Kind: FileKind.Directory })
            {
                ClearFolder(rel);
            }
        }
    }
}
