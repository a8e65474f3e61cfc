using System.Globalization;

namespace Berth.Linux.Cgroups;

public sealed partial class CgroupV2
{
    private protected override async ValueTask<CgroupMetrics> ReadMetricsCoreAsync(CancellationToken ct)
    {
        return new CgroupMetrics(CgroupVersion.V2)
        {
            Cpu = await ReadCpuAsync(ct),
            Memory = await ReadMemoryAsync(ct),
            Pids = await ReadPidsAsync(ct),
            BlockIo = await ReadIoAsync(ct),
        };
    }

    private async ValueTask<CpuMetrics?> ReadCpuAsync(CancellationToken ct)
    {
        // cpu.stat's usage lines are there without the cpu controller; the throttling lines come with it.
        if (await CgroupFiles.ReadKeyedAsync(DirectoryPath, "cpu.stat", ct) is not { } stat)
        {
            return null;
        }

        ulong Nanoseconds(string key) => stat.GetValueOrDefault(key) * 1000;
        return new CpuMetrics(
            Nanoseconds("usage_usec"), Nanoseconds("user_usec"), Nanoseconds("system_usec"), [],
            stat.GetValueOrDefault("nr_periods"), stat.GetValueOrDefault("nr_throttled"), Nanoseconds("throttled_usec"));
    }

    private async ValueTask<MemoryMetrics?> ReadMemoryAsync(CancellationToken ct)
    {
        if (await CgroupFiles.ReadNumberAsync(DirectoryPath, "memory.current", ct) is not { } usage)
        {
            return null;
        }

        var stat = await CgroupFiles.ReadKeyedAsync(DirectoryPath, "memory.stat", ct) ?? [];
        var events = await CgroupFiles.ReadKeyedAsync(DirectoryPath, "memory.events", ct) ?? [];
        ulong limit = await CgroupFiles.ReadNumberAsync(DirectoryPath, "memory.max", ct) ?? ulong.MaxValue;
        ulong peak = await CgroupFiles.ReadNumberAsync(DirectoryPath, "memory.peak", ct) ?? 0;
        MemoryCounter? swap = null;
        if (await CgroupFiles.ReadNumberAsync(DirectoryPath, "memory.swap.current", ct) is { } swapUsage)
        {
            ulong swapLimit = await CgroupFiles.ReadNumberAsync(DirectoryPath, "memory.swap.max", ct) ?? ulong.MaxValue;
            ulong swapPeak = await CgroupFiles.ReadNumberAsync(DirectoryPath, "memory.swap.peak", ct) ?? 0;
            swap = new MemoryCounter(swapUsage, swapLimit, swapPeak, 0);
        }

        return new MemoryMetrics
        {
            Usage = new MemoryCounter(usage, limit, peak, events.GetValueOrDefault("max")),
            Swap = swap,
            Anon = stat.GetValueOrDefault("anon"),
            File = stat.GetValueOrDefault("file"),
            OomKills = events.GetValueOrDefault("oom_kill"),
            OomEvents = events.GetValueOrDefault("oom"),
            Stat = stat,
            Events = events,
        };
    }

    private async ValueTask<PidsMetrics?> ReadPidsAsync(CancellationToken ct)
    {
        if (await CgroupFiles.ReadNumberAsync(DirectoryPath, "pids.current", ct) is not { } current)
        {
            return null;
        }

        return new PidsMetrics(current, await CgroupFiles.ReadNumberAsync(DirectoryPath, "pids.max", ct, max: 0) ?? 0);
    }

    private async ValueTask<BlockIoMetrics?> ReadIoAsync(CancellationToken ct)
    {
        if (await CgroupFiles.ReadAsync(DirectoryPath, "io.stat", ct) is not { } text)
        {
            return null;
        }

        return ParseIoStat(text, await BlockDevices.ReadNamesAsync(ct));
    }

    // Lines are "major:minor rbytes=N wbytes=N rios=N wios=N dbytes=N dios=N".
    internal static BlockIoMetrics ParseIoStat(string text, IReadOnlyDictionary<(ulong, ulong), string> devices)
    {
        var bytes = new List<BlockIoEntry>();
        var serviced = new List<BlockIoEntry>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].Split(':') is not [var majorText, var minorText])
            {
                continue;
            }

            ulong major = ulong.Parse(majorText, CultureInfo.InvariantCulture);
            ulong minor = ulong.Parse(minorText, CultureInfo.InvariantCulture);
            string device = devices.GetValueOrDefault((major, minor), "");
            foreach (string field in fields.Skip(1))
            {
                if (field.Split('=') is not [var key, var value])
                {
                    continue;
                }

                var (list, op) = key switch
                {
                    "rbytes" => (bytes, "Read"),
                    "wbytes" => (bytes, "Write"),
                    "dbytes" => (bytes, "Discard"),
                    "rios" => (serviced, "Read"),
                    "wios" => (serviced, "Write"),
                    "dios" => (serviced, "Discard"),
                    _ => (null, ""),
                };
                list?.Add(new BlockIoEntry(major, minor, op, CgroupFiles.ParseNumber(value), device));
            }
        }

        return new BlockIoMetrics(bytes, serviced);
    }
}
