using Berth.Core.Mounts;

namespace Berth.Linux.Mounts;

/// <summary>containerd's mount options turned into mount(2) flags and data (mount_linux.go's parseMountOptions).</summary>
public static class MountOptions
{
    private static readonly Dictionary<string, (bool Clear, ulong Flag)> Flags = new(StringComparer.Ordinal)
    {
        ["async"] = (true, 16), ["sync"] = (false, 16),
        ["atime"] = (true, 1024), ["noatime"] = (false, 1024),
        ["diratime"] = (true, 2048), ["nodiratime"] = (false, 2048),
        ["dirsync"] = (false, 128), ["mand"] = (false, 64), ["nomand"] = (true, 64),
        ["bind"] = (false, (ulong)MountFlags.Bind), ["rbind"] = (false, (ulong)(MountFlags.Bind | MountFlags.Recursive)),
        ["defaults"] = (false, 0), ["remount"] = (false, (ulong)MountFlags.Remount),
        ["dev"] = (true, (ulong)MountFlags.NoDev), ["nodev"] = (false, (ulong)MountFlags.NoDev),
        ["exec"] = (true, (ulong)MountFlags.NoExec), ["noexec"] = (false, (ulong)MountFlags.NoExec),
        ["suid"] = (true, (ulong)MountFlags.NoSuid), ["nosuid"] = (false, (ulong)MountFlags.NoSuid),
        ["ro"] = (false, (ulong)MountFlags.ReadOnly), ["rw"] = (true, (ulong)MountFlags.ReadOnly),
        ["relatime"] = (false, 1 << 21), ["norelatime"] = (true, 1 << 21),
        ["strictatime"] = (false, 1 << 24), ["nostrictatime"] = (true, 1 << 24),
    };

    private static readonly HashSet<string> Propagation = new(StringComparer.Ordinal)
    {
        "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
    };

    public static (MountFlags Flags, string? Data) Parse(IEnumerable<string> options)
    {
        ulong flags = 0;
        var data = new List<string>();
        foreach (string option in options)
        {
            if (Flags.TryGetValue(option, out var flag))
            {
                flags = flag.Clear ? flags & ~flag.Flag : flags | flag.Flag;
            }
            else if (!Propagation.Contains(option))
            {
                data.Add(option);
            }
        }

        return ((MountFlags)flags, data.Count == 0 ? null : string.Join(',', data));
    }

    /// <summary>
    /// The mount as a read-only view (containerd's readonlyMounts): an overlay loses its upperdir and workdir, the
    /// upperdir becoming the top lowerdir; anything else gets <c>ro</c>.
    /// </summary>
    public static Mount AsReadOnly(Mount mount)
    {
        if (mount.Type != "overlay" || mount.Option("upperdir") is not { } upper)
        {
            return mount with { Options = [.. mount.Options.Where(o => o != "rw"), "ro"] };
        }

        string lower = mount.Option("lowerdir") is { Length: > 0 } lowers ? $"{upper}:{lowers}" : upper;
        var options = mount.Options
            .Where(o => !o.StartsWith("upperdir=", StringComparison.Ordinal) && !o.StartsWith("workdir=", StringComparison.Ordinal)
                && !o.StartsWith("lowerdir=", StringComparison.Ordinal) && o != "rw")
            .Append($"lowerdir={lower}")
            .Append("ro");
        return mount with { Options = [.. options] };
    }
}
