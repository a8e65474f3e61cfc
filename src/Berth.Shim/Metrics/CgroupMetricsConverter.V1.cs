using Berth.Linux.Cgroups;
using V1 = Io.Containerd.Cgroups.V1;

namespace Berth.Shim.Metrics;

internal static partial class CgroupMetricsConverter
{
    /// <summary>containerd's v1 message. Usage and CPU sections are always present (ctr dereferences them) when their
    /// controller was read; memory entries the kernel lacks stay zero, as containerd leaves them.</summary>
    public static V1.Metrics ToV1(CgroupMetrics metrics)
    {
        var message = new V1.Metrics();
        if (metrics.Pids is { } pids)
        {
            message.Pids = new V1.PidsStat { Current = pids.Current, Limit = pids.Limit };
        }

        if (metrics.Cpu is { } cpu)
        {
            message.Cpu = new V1.CPUStat
            {
                Usage = new V1.CPUUsage { Total = cpu.Total, User = cpu.User, Kernel = cpu.Kernel, PerCpu = { cpu.PerCpu } },
                Throttling = new V1.Throttle { Periods = cpu.Periods, ThrottledPeriods = cpu.ThrottledPeriods, ThrottledTime = cpu.ThrottledTime },
            };
        }

        if (metrics.Memory is { } memory)
        {
            message.Memory = ToV1(memory);
            message.MemoryOomControl = new V1.MemoryOomControl
            {
                OomKillDisable = memory.OomKillDisabled ? 1UL : 0,
                UnderOom = memory.OomEvents,
                OomKill = memory.OomKills,
            };
        }

        if (metrics.BlockIo is { } io)
        {
            message.Blkio = new V1.BlkIOStat
            {
                IoServiceBytesRecursive = { io.ServiceBytes.Select(ToV1) },
                IoServicedRecursive = { io.Serviced.Select(ToV1) },
            };
        }

        return message;
    }

    private static V1.MemoryStat ToV1(MemoryMetrics memory)
    {
        ulong Stat(string key) => memory.Stat.GetValueOrDefault(key);
        return new V1.MemoryStat
        {
            Cache = Stat("cache"), Rss = Stat("rss"), RssHuge = Stat("rss_huge"), MappedFile = Stat("mapped_file"),
            Dirty = Stat("dirty"), Writeback = Stat("writeback"), PgPgIn = Stat("pgpgin"), PgPgOut = Stat("pgpgout"),
            PgFault = Stat("pgfault"), PgMajFault = Stat("pgmajfault"), InactiveAnon = Stat("inactive_anon"),
            ActiveAnon = Stat("active_anon"), InactiveFile = Stat("inactive_file"), ActiveFile = Stat("active_file"),
            Unevictable = Stat("unevictable"), HierarchicalMemoryLimit = Stat("hierarchical_memory_limit"),
            HierarchicalSwapLimit = Stat("hierarchical_memsw_limit"),
            TotalCache = Stat("total_cache"), TotalRss = Stat("total_rss"), TotalRssHuge = Stat("total_rss_huge"),
            TotalMappedFile = Stat("total_mapped_file"), TotalDirty = Stat("total_dirty"), TotalWriteback = Stat("total_writeback"),
            TotalPgPgIn = Stat("total_pgpgin"), TotalPgPgOut = Stat("total_pgpgout"), TotalPgFault = Stat("total_pgfault"),
            TotalPgMajFault = Stat("total_pgmajfault"), TotalInactiveAnon = Stat("total_inactive_anon"),
            TotalActiveAnon = Stat("total_active_anon"), TotalInactiveFile = Stat("total_inactive_file"),
            TotalActiveFile = Stat("total_active_file"), TotalUnevictable = Stat("total_unevictable"),
            Usage = ToV1(memory.Usage),
            Swap = ToV1(memory.Swap),
            Kernel = ToV1(memory.Kernel),
            KernelTcp = ToV1(memory.KernelTcp),
        };
    }

    private static V1.MemoryEntry ToV1(MemoryCounter? counter) => counter is null
        ? new V1.MemoryEntry()
        : new V1.MemoryEntry { Usage = counter.Usage, Limit = counter.Limit, Max = counter.Max, Failcnt = counter.Failcnt };

    private static V1.BlkIOEntry ToV1(BlockIoEntry entry) =>
        new() { Op = entry.Op, Device = entry.Device, Major = entry.Major, Minor = entry.Minor, Value = entry.Value };
}
