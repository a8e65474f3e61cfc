namespace Berth.Linux.Cgroups;

/// <summary>One mounted cgroup hierarchy, from a line of /proc/self/mountinfo.</summary>
/// <param name="MountPoint">Where the hierarchy is mounted, e.g. /sys/fs/cgroup/memory.</param>
/// <param name="Root">The cgroup at the mount point, relative to the hierarchy's root ("/" unless a sub-cgroup is bound there).</param>
/// <param name="Controllers">The v1 controllers bound to it (memory; cpu and cpuacct when co-mounted; name=systemd); empty for v2.</param>
/// <param name="Version">v1 (fstype cgroup) or v2 (fstype cgroup2).</param>
public sealed record CgroupMount(string MountPoint, string Root, IReadOnlyList<string> Controllers, CgroupVersion Version)
{
    /// <summary>The directory of <paramref name="cgroupPath"/> (a path inside the hierarchy, as /proc/&lt;pid&gt;/cgroup
    /// shows it) below this mount point.</summary>
    public string DirectoryOf(string cgroupPath)
    {
        string path = cgroupPath;
        // A mount of a sub-cgroup (a container's view) shows paths that start with its root: strip it once.
        if (Root != "/" && (path == Root || path.StartsWith(Root + "/", StringComparison.Ordinal)))
        {
            path = path[Root.Length..];
        }

        string relative = path.Trim('/');
        return relative.Length == 0 ? MountPoint : Path.Combine(MountPoint, relative);
    }
}
