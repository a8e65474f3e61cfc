using Berth.Core.Containers.Options;
using Berth.Core.Metadata;

namespace Berth.Core.Engine;

/// <summary>
/// What a container uses and may use: its processes (<c>docker top</c>), one reading of its cgroup and network
/// counters (<c>docker stats</c>; rates such as CPU % come from two readings, made by the caller), and changes to its
/// limits (<c>docker update</c>), applied to the running task and kept in the container's record so that
/// <c>inspect</c> shows them and the next start applies them. Containers are named as for <see cref="IContainerEngine"/>.
/// </summary>
public interface IContainerResources
{
    /// <summary>
    /// The host's <c>ps</c> with <paramref name="psArgs"/> (<c>-ef</c> when empty), keeping the header and the rows of the
    /// container's processes; FailedPrecondition <c>Container … is not running</c> for a stopped container.
    /// </summary>
    ValueTask<ProcessTable> TopAsync(INamespaceScope scope, string container, IReadOnlyList<string> psArgs, CancellationToken cancellationToken = default);

    /// <summary>One reading of the container's counters; all zero (and <see cref="ContainerStatsSample.Running"/> false) when it does not run.</summary>
    ValueTask<ContainerStatsSample> StatsAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the container's limits and restart policy (set fields only), live when it runs, and in its record;
    /// InvalidArgument with dockerd's words for values it refuses (<c>Cannot update container …: …</c>).
    /// </summary>
    ValueTask UpdateAsync(INamespaceScope scope, string container, ResourceUpdate update, CancellationToken cancellationToken = default);
}

/// <summary>What <c>ps</c> printed of a container's processes.</summary>
/// <param name="Titles">The header's column names (<c>UID</c>, <c>PID</c>, …, <c>CMD</c>).</param>
/// <param name="Processes">One row per process, one value per title (the last keeps its spaces).</param>
public sealed record ProcessTable(IReadOnlyList<string> Titles, IReadOnlyList<IReadOnlyList<string>> Processes);

/// <summary>One reading of a container's counters, as docker's stats API reports them.</summary>
/// <param name="Id">The container's full id.</param>
/// <param name="Name">The container's name, without a slash.</param>
/// <param name="Read">When the reading was made.</param>
public sealed record ContainerStatsSample(string Id, string Name, DateTimeOffset Read)
{
    /// <summary>Whether the container ran when read; the counters are zero otherwise.</summary>
    public bool Running { get; init; }

    /// <summary>CPU time used by the container, in nanoseconds.</summary>
    public ulong CpuTotal { get; init; }

    /// <summary>CPU time of the whole host (/proc/stat), in nanoseconds: the denominator of CPU %.</summary>
    public ulong SystemCpu { get; init; }

    /// <summary>The host's online CPUs.</summary>
    public uint OnlineCpus { get; init; }

    /// <summary>Memory charged to the container, page cache included, in bytes.</summary>
    public ulong MemoryUsage { get; init; }

    /// <summary>The memory limit; the host's memory when the container has none.</summary>
    public ulong MemoryLimit { get; init; }

    /// <summary>Inactive page cache (<c>total_inactive_file</c> on v1, <c>inactive_file</c> on v2), which docker leaves out of the usage it shows.</summary>
    public ulong MemoryInactiveFile { get; init; }

    /// <summary>Processes and threads in the container.</summary>
    public ulong Pids { get; init; }

    /// <summary>Bytes read from block devices.</summary>
    public ulong BlockRead { get; init; }

    /// <summary>Bytes written to block devices.</summary>
    public ulong BlockWrite { get; init; }

    /// <summary>Bytes received on the container's network interfaces (loopback left out).</summary>
    public ulong NetworkReceived { get; init; }

    /// <summary>Bytes sent on the container's network interfaces (loopback left out).</summary>
    public ulong NetworkSent { get; init; }
}

/// <summary><c>docker update</c>'s flags: null leaves a setting as it is.</summary>
public sealed record ResourceUpdate
{
    /// <summary><c>--memory</c> in bytes.</summary>
    public long? Memory { get; init; }

    /// <summary><c>--memory-swap</c>: memory plus swap in bytes, -1 for unlimited.</summary>
    public long? MemorySwap { get; init; }

    /// <summary><c>--memory-reservation</c> in bytes.</summary>
    public long? MemoryReservation { get; init; }

    /// <summary><c>--cpus</c>.</summary>
    public decimal? Cpus { get; init; }

    /// <summary><c>--cpu-shares</c>.</summary>
    public ulong? CpuShares { get; init; }

    /// <summary><c>--cpu-period</c> in microseconds.</summary>
    public ulong? CpuPeriod { get; init; }

    /// <summary><c>--cpu-quota</c> in microseconds.</summary>
    public long? CpuQuota { get; init; }

    /// <summary><c>--cpuset-cpus</c>.</summary>
    public string? CpusetCpus { get; init; }

    /// <summary><c>--cpuset-mems</c>.</summary>
    public string? CpusetMems { get; init; }

    /// <summary><c>--pids-limit</c>; 0 or less is unlimited.</summary>
    public long? PidsLimit { get; init; }

    /// <summary><c>--blkio-weight</c>, 10 to 1000.</summary>
    public ushort? BlkioWeight { get; init; }

    /// <summary><c>--restart</c>.</summary>
    public RestartPolicy? Restart { get; init; }
}
