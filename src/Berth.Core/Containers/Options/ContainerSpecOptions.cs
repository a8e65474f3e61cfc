namespace Berth.Core.Containers.Options;

/// <summary>
/// What a container asks for beyond its image: the settings of <c>docker run</c>'s flags, in plain values so that the
/// command line can fill them and send them on. Null or empty means "as docker does by default".
/// </summary>
public sealed record ContainerSpecOptions
{
    /// <summary><c>--entrypoint</c>: replaces the image's entrypoint, and drops the image's command.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>The command after the image name: replaces the image's command.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary><c>-e NAME=value</c>, over the image's environment.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary><c>--user</c>: <c>name</c>, <c>uid</c>, <c>name:group</c>, <c>uid:gid</c>.</summary>
    public string? User { get; init; }

    /// <summary><c>--group-add</c>: supplementary groups by name or number.</summary>
    public IReadOnlyList<string> GroupAdd { get; init; } = [];

    /// <summary><c>--workdir</c>.</summary>
    public string? WorkingDir { get; init; }

    /// <summary><c>--hostname</c>; the first 12 characters of the id when null.</summary>
    public string? Hostname { get; init; }

    /// <summary><c>--tty</c>.</summary>
    public bool Tty { get; init; }

    /// <summary><c>--read-only</c>.</summary>
    public bool ReadonlyRootfs { get; init; }

    /// <summary><c>--tmpfs path[:options]</c>.</summary>
    public IReadOnlyList<TmpfsMount> Tmpfs { get; init; } = [];

    /// <summary><c>--volume src:dst[:options]</c> and bind <c>--mount</c>s.</summary>
    public IReadOnlyList<BindMount> Binds { get; init; } = [];

    /// <summary><c>--device host[:container[:rwm]]</c>.</summary>
    public IReadOnlyList<DeviceMapping> Devices { get; init; } = [];

    /// <summary><c>--shm-size</c> in bytes.</summary>
    public long? ShmSize { get; init; }

    /// <summary><c>--memory</c> in bytes.</summary>
    public long? Memory { get; init; }

    /// <summary><c>--memory-reservation</c> in bytes.</summary>
    public long? MemoryReservation { get; init; }

    /// <summary><c>--memory-swap</c>: memory plus swap in bytes, -1 for unlimited; twice the memory when only that is set.</summary>
    public long? MemorySwap { get; init; }

    /// <summary><c>--memory-swappiness</c>, 0 to 100.</summary>
    public long? MemorySwappiness { get; init; }

    /// <summary><c>--oom-kill-disable</c>.</summary>
    public bool OomKillDisable { get; init; }

    /// <summary><c>--cpus</c>: a number of CPUs, possibly fractional.</summary>
    public decimal? Cpus { get; init; }

    /// <summary><c>--cpu-shares</c>.</summary>
    public ulong? CpuShares { get; init; }

    /// <summary><c>--cpu-period</c> in microseconds.</summary>
    public ulong? CpuPeriod { get; init; }

    /// <summary><c>--cpu-quota</c> in microseconds.</summary>
    public long? CpuQuota { get; init; }

    /// <summary><c>--cpuset-cpus</c>, such as <c>0-2,4</c>.</summary>
    public string? CpusetCpus { get; init; }

    /// <summary><c>--cpuset-mems</c>.</summary>
    public string? CpusetMems { get; init; }

    /// <summary><c>--pids-limit</c>; 0 or less is unlimited.</summary>
    public long? PidsLimit { get; init; }

    /// <summary><c>--blkio-weight</c>, 10 to 1000.</summary>
    public ushort? BlkioWeight { get; init; }

    /// <summary><c>--ulimit</c>s .</summary>
    public IReadOnlyList<Ulimit> Ulimits { get; init; } = [];

    /// <summary><c>--cap-add</c>, <c>ALL</c> included.</summary>
    public IReadOnlyList<string> CapAdd { get; init; } = [];

    /// <summary><c>--cap-drop</c>, <c>ALL</c> included.</summary>
    public IReadOnlyList<string> CapDrop { get; init; } = [];

    /// <summary><c>--privileged</c>: every capability, no seccomp, no masked paths, the host's devices.</summary>
    public bool Privileged { get; init; }

    /// <summary><c>--security-opt no-new-privileges</c>.</summary>
    public bool NoNewPrivileges { get; init; }

    /// <summary>
    /// <c>--security-opt seccomp=…</c>: null for the default profile, <c>unconfined</c> for none, else a profile in
    /// docker's JSON format (text starting with <c>{</c>) or the path of such a file.
    /// </summary>
    public string? Seccomp { get; init; }

    /// <summary><c>--sysctl</c>s.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--annotation</c>s.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary><c>--oom-score-adj</c>, -1000 to 1000.</summary>
    public int? OomScoreAdj { get; init; }

    /// <summary>
    /// The network namespace: null for a new one, <see cref="HostNetwork"/> for the host's (which also shares the
    /// host's UTS namespace, as docker's <c>--network host</c>), else the path of one to join (a CNI netns).
    /// </summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>The cgroup path; containerd's <c>/&lt;namespace&gt;/&lt;id&gt;</c> when null.</summary>
    public string? CgroupsPath { get; init; }

    /// <summary>The value of <see cref="NetworkNamespace"/> for the host's network.</summary>
    public const string HostNetwork = "host";
}
