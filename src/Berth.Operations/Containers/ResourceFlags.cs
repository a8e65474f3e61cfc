namespace Berth.Operations.Containers;

/// <summary>The resource flags of <see cref="ContainerCreateFlags"/>, as typed.</summary>
public sealed record ResourceFlags
{
    /// <summary>-m, --memory-swap, --memory-reservation, --memory-swappiness, --shm-size, --oom-kill-disable.</summary>
    public string? Memory { get; init; }

    /// <inheritdoc cref="Memory"/>
    public string? MemorySwap { get; init; }

    /// <inheritdoc cref="Memory"/>
    public string? MemoryReservation { get; init; }

    /// <inheritdoc cref="Memory"/>
    public string? MemorySwappiness { get; init; }

    /// <inheritdoc cref="Memory"/>
    public string? ShmSize { get; init; }

    /// <inheritdoc cref="Memory"/>
    public bool OomKillDisable { get; init; }

    /// <summary>--cpus, -c, --cpu-period, --cpu-quota, --cpuset-cpus, --cpuset-mems.</summary>
    public string? Cpus { get; init; }

    /// <inheritdoc cref="Cpus"/>
    public string? CpuShares { get; init; }

    /// <inheritdoc cref="Cpus"/>
    public string? CpuPeriod { get; init; }

    /// <inheritdoc cref="Cpus"/>
    public string? CpuQuota { get; init; }

    /// <inheritdoc cref="Cpus"/>
    public string? CpusetCpus { get; init; }

    /// <inheritdoc cref="Cpus"/>
    public string? CpusetMems { get; init; }

    /// <summary>--pids-limit, --blkio-weight, --oom-score-adj.</summary>
    public string? PidsLimit { get; init; }

    /// <inheritdoc cref="PidsLimit"/>
    public string? BlkioWeight { get; init; }

    /// <inheritdoc cref="PidsLimit"/>
    public string? OomScoreAdj { get; init; }
}
