using System.Globalization;
using Berth.Core.Engine;
using Berth.Api.Conversions;

namespace Berth.Api.Containers.V1;

/// <summary><c>docker top</c>'s answer on the wire.</summary>
public sealed partial class TopResponse
{
    /// <summary>The Core form.</summary>
    public ProcessTable ToCore() => new([.. Titles], [.. Processes.Select(row => (IReadOnlyList<string>)[.. row.Values])]);

    /// <summary>The wire form.</summary>
    public static TopResponse FromCore(ProcessTable table)
    {
        var wire = new TopResponse();
        wire.Titles.Add(table.Titles);
        foreach (var process in table.Processes)
        {
            var row = new TopRow();
            row.Values.Add(process);
            wire.Processes.Add(row);
        }

        return wire;
    }
}

/// <summary>One reading of <c>docker stats</c> on the wire.</summary>
public sealed partial class StatsSample
{
    /// <summary>The Core form.</summary>
    public ContainerStatsSample ToCore() => new(Id, Name, Conversions.Wire.ToTime(Read))
    {
        Running = Running, CpuTotal = CpuTotal, SystemCpu = SystemCpu, OnlineCpus = OnlineCpus, MemoryUsage = MemoryUsage,
        MemoryLimit = MemoryLimit, MemoryInactiveFile = MemoryInactiveFile, Pids = Pids, BlockRead = BlockRead, BlockWrite = BlockWrite,
        NetworkReceived = NetworkReceived, NetworkSent = NetworkSent,
    };

    /// <summary>The wire form.</summary>
    public static StatsSample FromCore(ContainerStatsSample sample) => new()
    {
        Id = sample.Id, Name = sample.Name, Read = Conversions.Wire.ToTimestamp(sample.Read), Running = sample.Running,
        CpuTotal = sample.CpuTotal, SystemCpu = sample.SystemCpu, OnlineCpus = sample.OnlineCpus, MemoryUsage = sample.MemoryUsage,
        MemoryLimit = sample.MemoryLimit, MemoryInactiveFile = sample.MemoryInactiveFile, Pids = sample.Pids, BlockRead = sample.BlockRead,
        BlockWrite = sample.BlockWrite, NetworkReceived = sample.NetworkReceived, NetworkSent = sample.NetworkSent,
    };
}

/// <summary><c>docker update</c> on the wire: unset fields leave a setting as it is.</summary>
public sealed partial class ResourceUpdateRequest
{
    /// <summary>The Core form.</summary>
    public ResourceUpdate ToCore() => new()
    {
        Memory = HasMemory ? Memory : null,
        MemorySwap = HasMemorySwap ? MemorySwap : null,
        MemoryReservation = HasMemoryReservation ? MemoryReservation : null,
        Cpus = HasCpus ? EngineWire.ParseCpus(Cpus) : null,
        CpuShares = HasCpuShares ? CpuShares : null,
        CpuPeriod = HasCpuPeriod ? CpuPeriod : null,
        CpuQuota = HasCpuQuota ? CpuQuota : null,
        CpusetCpus = HasCpusetCpus ? CpusetCpus : null,
        CpusetMems = HasCpusetMems ? CpusetMems : null,
        PidsLimit = HasPidsLimit ? PidsLimit : null,
        BlkioWeight = EngineWire.BlkioWeight(HasBlkioWeight, BlkioWeight),
        Restart = Restart?.ToCore(),
    };

    /// <summary>The wire form.</summary>
    public static ResourceUpdateRequest FromCore(string container, ResourceUpdate update)
    {
        var wire = new ResourceUpdateRequest { Container = container };
        if (update.Memory is { } memory) { wire.Memory = memory; }
        if (update.MemorySwap is { } swap) { wire.MemorySwap = swap; }
        if (update.MemoryReservation is { } reservation) { wire.MemoryReservation = reservation; }
        if (update.Cpus is { } cpus) { wire.Cpus = cpus.ToString(CultureInfo.InvariantCulture); }
        if (update.CpuShares is { } shares) { wire.CpuShares = shares; }
        if (update.CpuPeriod is { } period) { wire.CpuPeriod = period; }
        if (update.CpuQuota is { } quota) { wire.CpuQuota = quota; }
        if (update.CpusetCpus is { } cpusetCpus) { wire.CpusetCpus = cpusetCpus; }
        if (update.CpusetMems is { } cpusetMems) { wire.CpusetMems = cpusetMems; }
        if (update.PidsLimit is { } pids) { wire.PidsLimit = pids; }
        if (update.BlkioWeight is { } weight) { wire.BlkioWeight = weight; }
        if (update.Restart is { } restart) { wire.Restart = RestartPolicy.FromCore(restart); }
        return wire;
    }
}
