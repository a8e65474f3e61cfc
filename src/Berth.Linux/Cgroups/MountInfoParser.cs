namespace Berth.Linux.Cgroups;

/// <summary>Reads the cgroup mounts out of /proc/self/mountinfo (proc(5)).</summary>
internal static class MountInfoParser
{
    /// <summary>One mount per hierarchy; when a hierarchy is mounted twice, the mount under /sys/fs/cgroup wins, then the first.</summary>
    public static IReadOnlyList<CgroupMount> ParseCgroupMounts(string mountInfo)
    {
        var found = new List<CgroupMount>();
        foreach (string line in mountInfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions
            string[] fields = line.Split(' ');
            int separator = Array.IndexOf(fields, "-");
            if (separator < 6 || fields.Length < separator + 4)
            {
                continue;
            }

            string fsType = fields[separator + 1];
            if (fsType is not ("cgroup" or "cgroup2"))
            {
                continue;
            }

            string root = MountInfo.Unescape(fields[3]);
            string mountPoint = MountInfo.Unescape(fields[4]);
            if (fsType == "cgroup2")
            {
                found.Add(new CgroupMount(mountPoint, root, [], CgroupVersion.V2));
                continue;
            }

            // Super options name the controllers bound to the hierarchy, among generic flags (rw, nosuid, ...).
            string[] controllers = [.. fields[separator + 3].Split(',').Where(IsController)];
            found.Add(new CgroupMount(mountPoint, root, controllers, CgroupVersion.V1));
        }

        return [.. found
            .OrderBy(m => IsUnderDefaultRoot(m.MountPoint) ? 0 : 1)
            .DistinctBy(m => m.Version == CgroupVersion.V2 ? "" : string.Join(',', m.Controllers.Order(StringComparer.Ordinal)))];
    }

    private static bool IsUnderDefaultRoot(string mountPoint) =>
        mountPoint == CgroupSystem.DefaultRoot || mountPoint.StartsWith(CgroupSystem.DefaultRoot + "/", StringComparison.Ordinal);

    private static bool IsController(string option) =>
        option.StartsWith("name=", StringComparison.Ordinal) ||
        option is not ("rw" or "ro" or "noprefix" or "clone_children" or "xattr" or "cpuset_v2_mode" or "favordynmods"
            or "nsdelegate" or "memory_recursiveprot" or "memory_localevents" or "memory_hugetlb_accounting")
        && !option.StartsWith("release_agent=", StringComparison.Ordinal) && !option.Contains('=', StringComparison.Ordinal);
}
