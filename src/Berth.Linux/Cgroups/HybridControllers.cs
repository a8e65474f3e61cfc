using Berth.Core.Errors;

namespace Berth.Linux.Cgroups;

/// <summary>
/// crun refuses a hybrid host whose v2 hierarchy still offers a controller ("cgroups in hybrid mode not supported, drop all
/// controllers from cgroupv2"). A controller that no v1 hierarchy has claimed stays with v2 (here hugetlb); binding it to a
/// v1 hierarchy of its own, as systemd's hybrid mode does for every controller, leaves v2 without any, and both runc and
/// crun then run. See README.md beside this file.
/// </summary>
public static class HybridControllers
{
    /// <summary>The controllers the v2 hierarchy of a hybrid host offers (its root cgroup.controllers); empty elsewhere.</summary>
    public static IReadOnlyList<string> Stray(CgroupSystem system)
    {
        if (system.Layout != CgroupLayout.Hybrid || system.UnifiedMount is not { } unified)
        {
            return [];
        }

        string file = Path.Combine(unified.MountPoint, "cgroup.controllers");
        return File.Exists(file) ? File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }

    /// <summary>Whether crun can create containers here (runc can on every layout).</summary>
    public static bool CrunCanRun(CgroupSystem system) => Stray(system).Count == 0;

    /// <summary>
    /// Mounts each stray controller as a v1 hierarchy at <paramref name="mountRoot"/>/&lt;controller&gt; (by default beside the
    /// other v1 hierarchies, where runc and crun look for them), and returns the mount points it made. The binding is
    /// host-wide and lasts until the hierarchy is unmounted with no cgroups left in it.
    /// </summary>
    public static IReadOnlyList<string> BindToV1(CgroupSystem system, ISyscalls syscalls, string mountRoot = CgroupSystem.DefaultRoot)
    {
        var mounted = new List<string>();
        foreach (string controller in Stray(system))
        {
            string target = Path.Combine(mountRoot, controller);
            Directory.CreateDirectory(target);
            try
            {
                syscalls.Mount("cgroup", target, "cgroup", MountFlags.NoSuid | MountFlags.NoDev | MountFlags.NoExec, controller);
            }
            catch (UnavailableException e)
            {
                // EBUSY: a v2 cgroup below the root has the controller enabled in its parent's cgroup.subtree_control.
                throw new FailedPreconditionException(
                    $"cgroup controller {controller} is in use in the v2 hierarchy and cannot move to v1: remove it from every " +
                    $"cgroup.subtree_control under {system.UnifiedMount!.MountPoint}, or run containers with runc", e);
            }

            mounted.Add(target);
        }

        return mounted;
    }
}
