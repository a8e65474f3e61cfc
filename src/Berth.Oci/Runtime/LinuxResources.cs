using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>The container's cgroup limits.</summary>
public sealed class LinuxResources : SpecObject
{
    /// <summary>The device access rules, applied in order (the last that matches wins).</summary>
    [JsonPropertyName("devices")]
    public List<LinuxDeviceCgroup>? Devices { get; set; }

    /// <summary>Memory limits.</summary>
    [JsonPropertyName("memory")]
    public LinuxMemory? Memory { get; set; }

    /// <summary>CPU limits.</summary>
    [JsonPropertyName("cpu")]
    public LinuxCpu? Cpu { get; set; }

    /// <summary>The process count limit.</summary>
    [JsonPropertyName("pids")]
    public LinuxPids? Pids { get; set; }

    /// <summary>Block I/O weights and throttles.</summary>
    [JsonPropertyName("blockIO")]
    public LinuxBlockIo? BlockIo { get; set; }

    /// <summary>Huge page limits.</summary>
    [JsonPropertyName("hugepageLimits")]
    public List<LinuxHugepageLimit>? HugepageLimits { get; set; }

    /// <summary>Network class and priorities (cgroup v1 net_cls and net_prio).</summary>
    [JsonPropertyName("network")]
    public LinuxNetwork? Network { get; set; }

    /// <summary>RDMA limits by device name.</summary>
    [JsonPropertyName("rdma")]
    public Dictionary<string, LinuxRdma>? Rdma { get; set; }

    /// <summary>cgroup v2 files written as given, by file name.</summary>
    [JsonPropertyName("unified")]
    public Dictionary<string, string>? Unified { get; set; }
}

/// <summary>A device cgroup rule.</summary>
public sealed class LinuxDeviceCgroup : SpecObject
{
    /// <summary>Whether the rule allows (or denies) the access.</summary>
    [JsonPropertyName("allow")]
    public bool Allow { get; set; }

    /// <summary><c>a</c> (all), <c>c</c> or <c>b</c>; null means all.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The major number; null means any.</summary>
    [JsonPropertyName("major")]
    public long? Major { get; set; }

    /// <summary>The minor number; null means any.</summary>
    [JsonPropertyName("minor")]
    public long? Minor { get; set; }

    /// <summary>Some of <c>r</c>, <c>w</c> and <c>m</c>.</summary>
    [JsonPropertyName("access")]
    public string? Access { get; set; }
}

/// <summary>Memory limits, in bytes (-1 is unlimited).</summary>
public sealed class LinuxMemory : SpecObject
{
    /// <summary>The memory limit.</summary>
    [JsonPropertyName("limit")]
    public long? Limit { get; set; }

    /// <summary>The soft limit.</summary>
    [JsonPropertyName("reservation")]
    public long? Reservation { get; set; }

    /// <summary>The limit of memory plus swap.</summary>
    [JsonPropertyName("swap")]
    public long? Swap { get; set; }

    /// <summary>The kernel memory limit (cgroup v1, deprecated).</summary>
    [JsonPropertyName("kernel")]
    public long? Kernel { get; set; }

    /// <summary>The kernel TCP buffer limit (cgroup v1).</summary>
    [JsonPropertyName("kernelTCP")]
    public long? KernelTcp { get; set; }

    /// <summary>How eagerly pages are swapped, 0 to 100.</summary>
    [JsonPropertyName("swappiness")]
    public ulong? Swappiness { get; set; }

    /// <summary>Whether the OOM killer is disabled for the cgroup.</summary>
    [JsonPropertyName("disableOOMKiller")]
    public bool? DisableOomKiller { get; set; }

    /// <summary>Whether memory is accounted hierarchically (cgroup v1).</summary>
    [JsonPropertyName("useHierarchy")]
    public bool? UseHierarchy { get; set; }

    /// <summary>Whether an update below the current usage is refused.</summary>
    [JsonPropertyName("checkBeforeUpdate")]
    public bool? CheckBeforeUpdate { get; set; }
}

/// <summary>CPU limits.</summary>
public sealed class LinuxCpu : SpecObject
{
    /// <summary>The relative weight (cgroup v1 shares; 1024 is the default).</summary>
    [JsonPropertyName("shares")]
    public ulong? Shares { get; set; }

    /// <summary>Microseconds of CPU time allowed per period.</summary>
    [JsonPropertyName("quota")]
    public long? Quota { get; set; }

    /// <summary>Microseconds that may accumulate above the quota.</summary>
    [JsonPropertyName("burst")]
    public ulong? Burst { get; set; }

    /// <summary>The period of the quota, in microseconds.</summary>
    [JsonPropertyName("period")]
    public ulong? Period { get; set; }

    /// <summary>Realtime microseconds per realtime period.</summary>
    [JsonPropertyName("realtimeRuntime")]
    public long? RealtimeRuntime { get; set; }

    /// <summary>The realtime period, in microseconds.</summary>
    [JsonPropertyName("realtimePeriod")]
    public ulong? RealtimePeriod { get; set; }

    /// <summary>The CPUs the container may use, such as <c>0-2,4</c>.</summary>
    [JsonPropertyName("cpus")]
    public string? Cpus { get; set; }

    /// <summary>The memory nodes the container may use.</summary>
    [JsonPropertyName("mems")]
    public string? Mems { get; set; }

    /// <summary>1 for SCHED_IDLE weight.</summary>
    [JsonPropertyName("idle")]
    public long? Idle { get; set; }
}

/// <summary>The process count limit.</summary>
public sealed class LinuxPids : SpecObject
{
    /// <summary>The most tasks the cgroup may hold; 0 or less is unlimited.</summary>
    [JsonPropertyName("limit")]
    public long Limit { get; set; }
}
