using Berth.Core.Mounts;
using Berth.Linux;

namespace Berth.Engine;

/// <summary>
/// docker's /etc/mtab → /proc/mounts link, made in the container's writable layer when the image has no /etc/mtab.
/// Written straight into the layer's folder (an overlay's upperdir, a bind's source) rather than through a mount of
/// the root filesystem, which would cost every create a mount and an unmount; other mount shapes are left alone.
/// </summary>
internal static class MtabLink
{
    public static void Add(ISyscalls syscalls, IReadOnlyList<Mount> mounts)
    {
        if (Layers(mounts) is not [var upper, .. var lowers])
        {
            return;
        }

        // The topmost layer that has etc decides what /etc is; any mtab in any layer (or its whiteout) is the image's say.
        FileStatus? etc = null;
        foreach (string layer in lowers.Prepend(upper))
        {
            if (syscalls.Lstat(Path.Join(layer, "etc", "mtab")) is not null)
            {
                return;
            }

            etc ??= syscalls.Lstat(Path.Join(layer, "etc"));
        }

        if (etc is { Kind: not FileKind.Directory })
        {
            return;
        }

        string folder = Path.Join(upper, "etc");
        if (syscalls.Lstat(folder) is null)
        {
            // An overlay shows the upper folder's owner and mode for a merged folder: copy the image's.
            Directory.CreateDirectory(folder, (UnixFileMode)(etc?.Mode ?? 0b111_101_101) & (UnixFileMode)0xFFF);
            syscalls.Lchown(folder, etc?.Uid ?? 0, etc?.Gid ?? 0);
        }

        File.CreateSymbolicLink(Path.Join(folder, "mtab"), "/proc/mounts");
    }

    private static List<string> Layers(IReadOnlyList<Mount> mounts) => mounts switch
    {
        [{ Type: "overlay" } overlay] when Option(overlay, "upperdir") is { } upper
            => [upper, .. (Option(overlay, "lowerdir") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)],
        [{ Type: "bind" } bind] when !bind.Options.Contains("ro") => [bind.Source],
        _ => [],
    };

    private static string? Option(Mount mount, string name)
        => mount.Options.FirstOrDefault(o => o.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
}
