using Berth.Linux;
using Berth.Storage.Diff.FileSystem;

namespace Berth.Storage.Diff.Apply;

internal sealed partial class LayerApplier
{
    private const int MaxSymlinks = 40;

    private string? _lastParentKey;
    private string? _lastParent;

    // The parent the last entry needed, already checked or made: the entries of one folder come one after another.
    private string? _ensuredParent;

    /// <summary>
    /// Where the folder <paramref name="parts"/> really is inside the root: symlinks met on the way are followed
    /// when they are relative and stay inside; an absolute one, or one that climbs out, refuses the entry.
    /// Components that do not exist yet stay as named (<see cref="EnsureFolders"/> creates them).
    /// </summary>
    private string ResolveParent(List<string> parts, string entryName)
    {
        // Entries of one folder come one after another in a tar, and none of them can change how that folder's path
        // resolves (they land inside it): the last resolution is reused, unless it followed a symlink.
        string key = string.Join('/', parts);
        if (key == _lastParentKey)
        {
            return _lastParent!;
        }

        string resolved = ResolveParentPath(parts, entryName, out bool followedLinks);
        (_lastParentKey, _lastParent) = followedLinks ? (null, null) : (key, resolved);
        return resolved;
    }

    private string ResolveParentPath(List<string> parts, string entryName, out bool followedLinks)
    {
        var resolved = new List<string>();
        var pending = new Stack<string>(Enumerable.Reverse(parts));
        string? via = null;
        int links = 0;
        while (pending.TryPop(out string? part))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count == 0)
                {
                    throw Refuse(entryName, via is null ? "would land outside the snapshot" : $"goes through symlink {via}, which leads outside the snapshot");
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            string candidate = EntryPath.Combine(EntryPath.Join(resolved), part);
            var found = view.Lookup(candidate);
            switch (found?.Status.Kind)
            {
                case null or FileKind.Directory:
                    resolved.Add(part);
                    break;
                case FileKind.Symlink:
                    string target = FsOps.ReadLink(found.HostPath);
                    via = $"{candidate} -> {target}";
                    if (++links > MaxSymlinks)
                    {
                        throw Refuse(entryName, $"goes through more than {MaxSymlinks} symlinks");
                    }

                    if (target.StartsWith('/'))
                    {
                        throw Refuse(entryName, $"goes through absolute symlink {via}, which could lead outside the snapshot");
                    }

                    foreach (string step in target.Split('/').Reverse())
                    {
                        pending.Push(step);
                    }

                    break;
                default:
                    throw Refuse(entryName, $"needs {candidate} to be a folder, but it is a {found.Status.Kind}");
            }
        }

        followedLinks = links > 0;
        return EntryPath.Join(resolved);
    }

    /// <summary>
    /// Creates the missing folders of <paramref name="parent"/> in the root (containerd's mkparent): mode 0755, or
    /// in overlay mode the attributes of the folder a lower layer holds there; a folder created over a whiteout
    /// is opaque, as overlayfs makes it.
    /// </summary>
    private void EnsureFolders(string parent, string entryName)
    {
        if (parent.Length == 0 || parent == _ensuredParent)
        {
            return;
        }

        string prefix = string.Empty;
        foreach (string part in parent.Split('/'))
        {
            prefix = EntryPath.Combine(prefix, part);
            var status = view.LstatInRoot(prefix);
            if (status is { Kind: FileKind.Directory })
            {
                continue;
            }

            bool overWhiteout = status is not null && view.Mode == ApplyMode.Overlay && LayerView.IsWhiteout(status);
            if (status is not null && !overWhiteout)
            {
                throw Refuse(entryName, $"needs {prefix} to be a folder, but it is a {status.Kind}");
            }

            var lower = overWhiteout ? null : view.LowerFolder(prefix);
            if (overWhiteout)
            {
                journal.Displace(prefix);
            }

            string host = view.HostPath(prefix);
            journal.NoteCreated(prefix);
            FsOps.MakeFolder(host, 0x1ed);
            _createdFolders.Add(prefix);
            if (lower is not null)
            {
                FsOps.CopyAttributes(syscalls, lower.HostPath, lower.Status, host);
            }

            if (overWhiteout)
            {
                syscalls.SetXattr(host, LayerView.OpaqueXattr, "y"u8);
            }
        }

        _ensuredParent = parent;
    }

    private void GuardBackup(string rel, string entryName)
    {
        string first = rel.Split('/')[0];
        if (first == journal.BackupName)
        {
            throw Refuse(entryName, "names the apply's own backup folder");
        }
    }
}
