using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Shim.Tasks;

/// <summary>Mounting the rootfs a create request carries (containerd's mount.Mount and UnmountAll).</summary>
internal static class RootfsMounts
{
    private static readonly Dictionary<string, (bool Clear, MountFlags Flag)> Flags = new(StringComparer.Ordinal)
    {
        ["ro"] = (false, MountFlags.ReadOnly), ["rw"] = (true, MountFlags.ReadOnly),
        ["nosuid"] = (false, MountFlags.NoSuid), ["suid"] = (true, MountFlags.NoSuid),
        ["nodev"] = (false, MountFlags.NoDev), ["dev"] = (true, MountFlags.NoDev),
        ["noexec"] = (false, MountFlags.NoExec), ["exec"] = (true, MountFlags.NoExec),
        ["bind"] = (false, MountFlags.Bind), ["rbind"] = (false, MountFlags.Bind | MountFlags.Recursive),
        ["remount"] = (false, MountFlags.Remount), ["defaults"] = (false, MountFlags.None),
    };

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "private", "rprivate", "shared", "rshared", "slave", "rslave", "unbindable", "runbindable",
    };

    /// <summary>Mounts each in turn on <paramref name="target"/> (later ones over earlier ones); undoes all on failure.</summary>
    public static void MountAll(ISyscalls syscalls, IEnumerable<Containerd.Types.Mount> mounts, string target)
    {
        int mounted = 0;
        try
        {
            foreach (var mount in mounts)
            {
                var (flags, data) = Parse(mount.Options);
                bool readOnlyBind = flags.HasFlag(MountFlags.Bind) && flags.HasFlag(MountFlags.ReadOnly);
                syscalls.Mount(mount.Source, target, mount.Type, readOnlyBind ? flags & ~MountFlags.ReadOnly : flags, data);
                mounted++;
                if (readOnlyBind)
                {
                    // A bind mount takes MS_RDONLY only on a remount.
                    syscalls.Mount(null, target, null, flags | MountFlags.Remount, null);
                }
            }
        }
        catch
        {
            for (; mounted > 0; mounted--)
            {
                syscalls.Unmount(target, UnmountFlags.Detach);
            }

            throw;
        }
    }

    /// <summary>Unmounts everything stacked on <paramref name="target"/>; nothing mounted is fine.</summary>
    public static void UnmountAll(ISyscalls syscalls, string target)
    {
        while (true)
        {
            try
            {
                syscalls.Unmount(target);
            }
            catch (Exception e) when (e is InvalidArgumentException or NotFoundException)
            {
                return;
            }
        }
    }

    private static (MountFlags Flags, string? Data) Parse(IEnumerable<string> options)
    {
        var flags = MountFlags.None;
        var data = new List<string>();
        foreach (string option in options)
        {
            if (Flags.TryGetValue(option, out var flag))
            {
                flags = flag.Clear ? flags & ~flag.Flag : flags | flag.Flag;
            }
            else if (!Ignored.Contains(option))
            {
                data.Add(option);
            }
        }

        return (flags, data.Count == 0 ? null : string.Join(',', data));
    }
}
