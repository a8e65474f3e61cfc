namespace Berth.Linux.Cgroups;

/// <summary>
/// One reading of a container's cgroup. A section is null when its controller is not there (not mounted, not enabled
/// in the v2 parent's subtree_control). Times are nanoseconds and sizes bytes whatever the version; limits the kernel
/// shows as "max" are <see cref="ulong.MaxValue"/> (memory) or 0 (pids), as containerd reports them.
/// </summary>
/// <param name="Version">The interface the figures were read from: it decides which metrics message they become.</param>
public sealed record CgroupMetrics(CgroupVersion Version)
{
    public CpuMetrics? Cpu { get; init; }

    public MemoryMetrics? Memory { get; init; }

    public PidsMetrics? Pids { get; init; }

    public BlockIoMetrics? BlockIo { get; init; }
}

/// <summary>CPU time used, in nanoseconds, and CFS throttling.</summary>
/// <param name="PerCpu">Usage per CPU (v1 cpuacct.usage_percpu); empty on v2, which does not count it.</param>
public sealed record CpuMetrics(
    ulong Total, ulong User, ulong Kernel, IReadOnlyList<ulong> PerCpu, ulong Periods, ulong ThrottledPeriods, ulong ThrottledTime);

/// <summary>A usage counter with its limit: v1's memory.*, memory.memsw.*, memory.kmem.* groups; v2's current/max/peak.</summary>
/// <param name="Max">The peak usage (v1 max_usage_in_bytes, v2 memory.peak where the kernel has it), else 0.</param>
/// <param name="Failcnt">How often the limit was hit (v1 failcnt; v2 memory.events max).</param>
public sealed record MemoryCounter(ulong Usage, ulong Limit, ulong Max, ulong Failcnt);

/// <summary>Memory use of the cgroup.</summary>
public sealed record MemoryMetrics
{
    /// <summary>Memory in use against the limit.</summary>
    public required MemoryCounter Usage { get; init; }

    /// <summary>v1: memory+swap (memory.memsw.*), as containerd's "swap" entry; v2: swap alone (memory.swap.*).
    /// Null when the kernel does not account swap.</summary>
    public MemoryCounter? Swap { get; init; }

    /// <summary>v1 kernel memory (memory.kmem.*); null on v2 or when absent.</summary>
    public MemoryCounter? Kernel { get; init; }

    /// <summary>v1 kernel TCP buffers (memory.kmem.tcp.*); null on v2 or when absent.</summary>
    public MemoryCounter? KernelTcp { get; init; }

    /// <summary>Anonymous memory: v1 rss (total_rss), v2 anon.</summary>
    public ulong Anon { get; init; }

    /// <summary>Page cache: v1 cache (total_cache), v2 file.</summary>
    public ulong File { get; init; }

    /// <summary>How many times the OOM killer killed a process of this cgroup (v1 oom_control oom_kill, v2 memory.events oom_kill).</summary>
    public ulong OomKills { get; init; }

    /// <summary>v1: 1 while the cgroup is under OOM (oom_control under_oom); v2: how often the cgroup hit OOM (memory.events oom).</summary>
    public ulong OomEvents { get; init; }

    /// <summary>v1: oom_control's oom_kill_disable.</summary>
    public bool OomKillDisabled { get; init; }

    /// <summary>memory.stat as the kernel wrote it, so that every field of containerd's messages can be filled.</summary>
    public IReadOnlyDictionary<string, ulong> Stat { get; init; } = new Dictionary<string, ulong>();

    /// <summary>v2 memory.events (low, high, max, oom, oom_kill); empty on v1.</summary>
    public IReadOnlyDictionary<string, ulong> Events { get; init; } = new Dictionary<string, ulong>();
}

/// <summary>Tasks in the cgroup and its pids limit (0 for none).</summary>
public sealed record PidsMetrics(ulong Current, ulong Limit);

/// <summary>Block I/O per device: bytes and operations (v1 blkio service bytes/serviced; v2 io.stat).</summary>
public sealed record BlockIoMetrics(IReadOnlyList<BlockIoEntry> ServiceBytes, IReadOnlyList<BlockIoEntry> Serviced);

/// <summary>One counter of one device. <paramref name="Op"/> is v1's Read, Write, Sync, Async, Discard or Total (v2 gives Read,
/// Write and Discard); <paramref name="Device"/> is /dev/&lt;name&gt; where /proc/partitions names it, else empty.</summary>
public sealed record BlockIoEntry(ulong Major, ulong Minor, string Op, ulong Value, string Device = "");
