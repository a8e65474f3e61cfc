namespace Berth.Linux.Cgroups;

/// <summary>How the host mounts its cgroup hierarchies.</summary>
public enum CgroupLayout
{
    /// <summary>No cgroup filesystem is mounted where berth looks.</summary>
    Unavailable,

    /// <summary>cgroup v1 only: one hierarchy per controller (or group of controllers) under /sys/fs/cgroup.</summary>
    Legacy,

    /// <summary>cgroup v1 for the controllers, plus a v2 hierarchy (usually /sys/fs/cgroup/unified) for process tracking.</summary>
    Hybrid,

    /// <summary>cgroup v2 only, mounted at /sys/fs/cgroup.</summary>
    Unified,
}

/// <summary>Which cgroup interface a handle speaks; decides which metrics message the shim sends.</summary>
public enum CgroupVersion
{
    /// <summary>cgroup v1 (legacy and hybrid hosts, as containerd treats them).</summary>
    V1 = 1,

    /// <summary>cgroup v2 (unified hosts).</summary>
    V2 = 2,
}
