using Berth.Linux.Cgroups;
using V2 = Io.Containerd.Cgroups.V2;

namespace Berth.Shim.Metrics;

internal static partial class CgroupMetricsConverter
{
    /// <summary>containerd's v2 message: microseconds for CPU, memory.stat by name, io.stat per device.</summary>
    public static V2.Metrics ToV2(CgroupMetrics metrics)
    {
        var message = new V2.Metrics();
        if (metrics.Pids is { } pids)
        {
            message.Pids = new V2.PidsStat { Current = pids.Current, Limit = pids.Limit };
        }

        if (metrics.Cpu is { } cpu)
        {
            message.Cpu = new V2.CPUStat
            {
                UsageUsec = cpu.Total / 1000, UserUsec = cpu.User / 1000, SystemUsec = cpu.Kernel / 1000,
                NrPeriods = cpu.Periods, NrThrottled = cpu.ThrottledPeriods, ThrottledUsec = cpu.ThrottledTime / 1000,
            };
        }

        if (metrics.Memory is { } memory)
        {
            message.Memory = ToV2(memory);
            ulong Event(string key) => memory.Events.GetValueOrDefault(key);
            message.MemoryEvents = new V2.MemoryEvents
            {
                Low = Event("low"), High = Event("high"), Max = Event("max"), Oom = Event("oom"), OomKill = Event("oom_kill"),
            };
        }

        if (metrics.BlockIo is { } io)
        {
            message.Io = new V2.IOStat { Usage = { ToV2(io) } };
        }

        return message;
    }

    private static V2.MemoryStat ToV2(MemoryMetrics memory)
    {
        ulong Stat(string key) => memory.Stat.GetValueOrDefault(key);
        // Kernels from 5.9 split workingset_* by anon and file; older ones have the plain key.
        ulong Workingset(string key) => memory.Stat.TryGetValue(key, out ulong value) ? value : Stat(key + "_anon") + Stat(key + "_file");
        return new V2.MemoryStat
        {
            Anon = Stat("anon"), File = Stat("file"), KernelStack = Stat("kernel_stack"), Slab = Stat("slab"), Sock = Stat("sock"),
            Shmem = Stat("shmem"), FileMapped = Stat("file_mapped"), FileDirty = Stat("file_dirty"),
            FileWriteback = Stat("file_writeback"), AnonThp = Stat("anon_thp"), InactiveAnon = Stat("inactive_anon"),
            ActiveAnon = Stat("active_anon"), InactiveFile = Stat("inactive_file"), ActiveFile = Stat("active_file"),
            Unevictable = Stat("unevictable"), SlabReclaimable = Stat("slab_reclaimable"), SlabUnreclaimable = Stat("slab_unreclaimable"),
            Pgfault = Stat("pgfault"), Pgmajfault = Stat("pgmajfault"), WorkingsetRefault = Workingset("workingset_refault"),
            WorkingsetActivate = Workingset("workingset_activate"), WorkingsetNodereclaim = Stat("workingset_nodereclaim"),
            Pgrefill = Stat("pgrefill"), Pgscan = Stat("pgscan"), Pgsteal = Stat("pgsteal"), Pgactivate = Stat("pgactivate"),
            Pgdeactivate = Stat("pgdeactivate"), Pglazyfree = Stat("pglazyfree"), Pglazyfreed = Stat("pglazyfreed"),
            ThpFaultAlloc = Stat("thp_fault_alloc"), ThpCollapseAlloc = Stat("thp_collapse_alloc"),
            Usage = memory.Usage.Usage, UsageLimit = memory.Usage.Limit,
            SwapUsage = memory.Swap?.Usage ?? 0, SwapLimit = memory.Swap?.Limit ?? 0,
        };
    }

    // io.stat has one line per device; the model keeps one entry per counter, so they are grouped back here.
    private static V2.IOEntry[] ToV2(BlockIoMetrics io)
    {
        var devices = new SortedDictionary<(ulong Major, ulong Minor), V2.IOEntry>();
        V2.IOEntry EntryOf(BlockIoEntry e) => devices.TryGetValue((e.Major, e.Minor), out var found)
            ? found
            : devices[(e.Major, e.Minor)] = new V2.IOEntry { Major = e.Major, Minor = e.Minor };

        foreach (var entry in io.ServiceBytes)
        {
            var device = EntryOf(entry);
            device.Rbytes += entry.Op == "Read" ? entry.Value : 0;
            device.Wbytes += entry.Op == "Write" ? entry.Value : 0;
        }

        foreach (var entry in io.Serviced)
        {
            var device = EntryOf(entry);
            device.Rios += entry.Op == "Read" ? entry.Value : 0;
            device.Wios += entry.Op == "Write" ? entry.Value : 0;
        }

        return [.. devices.Values];
    }
}
