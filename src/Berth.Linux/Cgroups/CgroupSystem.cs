using Berth.Core.Errors;

namespace Berth.Linux.Cgroups;

/// <summary>
/// The host's cgroup hierarchies as the calling process sees them (/proc/self/mountinfo and /proc/self/cgroup), and the
/// entry point to a container's cgroup. Pure over its inputs, so layouts can be tested on fake files.
/// </summary>
public sealed partial class CgroupSystem
{
    /// <summary>Where v2 is mounted on a unified host; v1 controllers live below it on legacy and hybrid hosts.</summary>
    public const string DefaultRoot = "/sys/fs/cgroup";

    private CgroupSystem(CgroupLayout layout, IReadOnlyList<CgroupMount> mounts, IReadOnlyList<ProcCgroupEntry> self, string procRoot)
    {
        Layout = layout;
        Mounts = mounts;
        Self = self;
        ProcRoot = procRoot;
        UnifiedMount = mounts.FirstOrDefault(m => m.Version == CgroupVersion.V2);
    }

    /// <summary>Legacy, hybrid or unified.</summary>
    public CgroupLayout Layout { get; }

    /// <summary>Which interface container cgroups are read through: v2 on unified hosts only, as containerd decides.</summary>
    public CgroupVersion Version => Layout == CgroupLayout.Unified ? CgroupVersion.V2 : CgroupVersion.V1;

    /// <summary>One mount per hierarchy, those under /sys/fs/cgroup first.</summary>
    public IReadOnlyList<CgroupMount> Mounts { get; }

    /// <summary>The v2 hierarchy: /sys/fs/cgroup on unified hosts, /sys/fs/cgroup/unified on hybrid ones.</summary>
    public CgroupMount? UnifiedMount { get; }

    /// <summary>The calling process's own memberships (relative cgroupsPaths are resolved against them).</summary>
    public IReadOnlyList<ProcCgroupEntry> Self { get; }

    /// <summary>Where /proc is (a fake folder in tests).</summary>
    public string ProcRoot { get; }

    /// <summary>Reads the calling process's view of the hierarchies.</summary>
    public static CgroupSystem Load(string procRoot = "/proc")
    {
        string mountInfo = File.ReadAllText(Path.Combine(procRoot, "self", "mountinfo"));
        string selfPath = Path.Combine(procRoot, "self", "cgroup");
        string self = File.Exists(selfPath) ? File.ReadAllText(selfPath) : "";
        return Parse(mountInfo, self, procRoot);
    }

    /// <summary>Builds the view from the texts of /proc/self/mountinfo and /proc/self/cgroup.</summary>
    public static CgroupSystem Parse(string mountInfo, string selfCgroup, string procRoot = "/proc")
    {
        var mounts = MountInfoParser.ParseCgroupMounts(mountInfo);
        var self = ProcCgroupEntry.ParseFile(selfCgroup);
        return new CgroupSystem(DetectLayout(mounts, self), mounts, self, procRoot);
    }

    /// <summary>The mount of v1 controller <paramref name="controller"/> (memory, cpuacct, name=systemd…), if mounted.</summary>
    public CgroupMount? V1Mount(string controller) =>
        Mounts.FirstOrDefault(m => m.Version == CgroupVersion.V1 && m.Controllers.Contains(controller));

    private static CgroupLayout DetectLayout(IReadOnlyList<CgroupMount> mounts, IReadOnlyList<ProcCgroupEntry> self)
    {
        bool hasV1 = mounts.Any(m => m.Version == CgroupVersion.V1 && m.Controllers.Any(c => !c.StartsWith("name=", StringComparison.Ordinal)));
        var unified = mounts.FirstOrDefault(m => m.Version == CgroupVersion.V2);
        if (unified is null)
        {
            return hasV1 ? CgroupLayout.Legacy : CgroupLayout.Unavailable;
        }

        // A v2 mount at the root, or a process that belongs to no v1 hierarchy at all, means v2 carries the controllers.
        bool selfOnlyUnified = self.Count > 0 && self.All(e => e.IsUnified);
        if (unified.MountPoint == DefaultRoot || !hasV1 || selfOnlyUnified)
        {
            return CgroupLayout.Unified;
        }

        return CgroupLayout.Hybrid;
    }

    private static InvalidArgumentException NoHierarchy(string what) =>
        new($"no cgroup hierarchy is mounted for {what}: mount cgroup2 at {DefaultRoot} (or the v1 controllers below it) and retry");
}
