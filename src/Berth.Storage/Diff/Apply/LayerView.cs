using Berth.Linux;

namespace Berth.Storage.Diff.Apply;

/// <summary>
/// The filesystem a layer lands on: the root alone, or (overlay) the upperdir over its lowerdirs merged as overlayfs
/// merges them, so that symlinks and folders that only a lower layer holds are seen.
/// </summary>
internal sealed class LayerView(string root, IReadOnlyList<string> lowers, ApplyMode mode, ISyscalls syscalls, FileWriters? writers = null)
{
    public const string OpaqueXattr = "trusted.overlay.opaque";

    public string Root => root;

    public ApplyMode Mode => mode;

    public string HostPath(string rel) => rel.Length == 0 ? root : Path.Join(root, rel);

    /// <summary>What the root holds at <paramref name="rel"/>, once a file being written there is done.</summary>
    public FileStatus? LstatInRoot(string rel)
    {
        writers?.WaitFor(rel);
        return syscalls.Lstat(HostPath(rel));
    }

    /// <summary>What the merged view holds at <paramref name="rel"/>; null when nothing (or a whiteout).</summary>
    public ViewEntry? Lookup(string rel)
    {
        writers?.WaitFor(rel);
        if (mode == ApplyMode.Plain)
        {
            var status = LstatInRoot(rel);
            return status is null ? null : new ViewEntry(HostPath(rel), status, InRoot: true);
        }

        for (int layer = 0; layer <= lowers.Count; layer++)
        {
            string folder = layer == 0 ? root : lowers[layer - 1];
            string host = rel.Length == 0 ? folder : Path.Join(folder, rel);
            var status = syscalls.Lstat(host);
            if (status is not null)
            {
                return IsWhiteout(status) ? null : new ViewEntry(host, status, layer == 0);
            }

            if (HidesLowerLayers(folder, rel))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The folder a lower layer holds at <paramref name="rel"/>, if the merged view shows one from below.</summary>
    public ViewEntry? LowerFolder(string rel)
    {
        var entry = Lookup(rel);
        return entry is { InRoot: false, Status.Kind: FileKind.Directory } ? entry : null;
    }

    public static bool IsWhiteout(FileStatus status) =>
        status is { Kind: FileKind.CharDevice, RdevMajor: 0, RdevMinor: 0 };

    public bool IsOpaque(string host) => syscalls.GetXattr(host, OpaqueXattr) is [(byte)'y'];

    // A layer hides what lies below a path when one of the path's ancestors is, in that layer, a whiteout, a
    // non-folder or an opaque folder.
    private bool HidesLowerLayers(string folder, string rel)
    {
        foreach (string ancestor in EntryPath.AncestorsOf(rel))
        {
            string host = Path.Join(folder, ancestor);
            var status = syscalls.Lstat(host);
            if (status is null)
            {
                return false;
            }

            if (status.Kind != FileKind.Directory || IsOpaque(host))
            {
                return true;
            }
        }

        return false;
    }
}
