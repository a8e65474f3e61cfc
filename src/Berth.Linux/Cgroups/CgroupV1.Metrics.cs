using System.Globalization;

namespace Berth.Linux.Cgroups;

public sealed partial class CgroupV1
{
    // cpuacct.stat counts USER_HZ ticks, which is 100 on every architecture Linux runs containers on.
    private const ulong NanosecondsPerTick = 10_000_000;

    private protected override async ValueTask<CgroupMetrics> ReadMetricsCoreAsync(CancellationToken ct)
    {
        return new CgroupMetrics(CgroupVersion.V1)
        {
            Cpu = await ReadCpuAsync(ct),
            Memory = await ReadMemoryAsync(ct),
            Pids = await ReadPidsAsync(ct),
            BlockIo = await ReadBlockIoAsync(ct),
        };
    }

    private async ValueTask<CpuMetrics?> ReadCpuAsync(CancellationToken ct)
    {
        if (DirectoryOf("cpuacct") is not { } cpuacct || await CgroupFiles.ReadNumberAsync(cpuacct, "cpuacct.usage", ct) is not { } total)
        {
            return null;
        }

        var stat = await CgroupFiles.ReadKeyedAsync(cpuacct, "cpuacct.stat", ct) ?? [];
        string perCpuText = await CgroupFiles.ReadAsync(cpuacct, "cpuacct.usage_percpu", ct) ?? "";
        ulong[] perCpu = [.. perCpuText.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => CgroupFiles.ParseNumber(v))];
        var throttling = DirectoryOf("cpu") is { } cpu ? await CgroupFiles.ReadKeyedAsync(cpu, "cpu.stat", ct) ?? [] : [];
        return new CpuMetrics(
            total, stat.GetValueOrDefault("user") * NanosecondsPerTick, stat.GetValueOrDefault("system") * NanosecondsPerTick, perCpu,
            throttling.GetValueOrDefault("nr_periods"), throttling.GetValueOrDefault("nr_throttled"), throttling.GetValueOrDefault("throttled_time"));
    }

    private async ValueTask<MemoryMetrics?> ReadMemoryAsync(CancellationToken ct)
    {
        if (DirectoryOf("memory") is not { } memory || await CgroupFiles.ReadKeyedAsync(memory, "memory.stat", ct) is not { } stat)
        {
            return null;
        }

        var oom = await CgroupFiles.ReadKeyedAsync(memory, "memory.oom_control", ct) ?? [];
        return new MemoryMetrics
        {
            Usage = await ReadCounterAsync(memory, "memory", ct) ?? new MemoryCounter(0, 0, 0, 0),
            Swap = await ReadCounterAsync(memory, "memory.memsw", ct),
            Kernel = await ReadCounterAsync(memory, "memory.kmem", ct),
            KernelTcp = await ReadCounterAsync(memory, "memory.kmem.tcp", ct),
            Anon = stat.GetValueOrDefault("total_rss", stat.GetValueOrDefault("rss")),
            File = stat.GetValueOrDefault("total_cache", stat.GetValueOrDefault("cache")),
            OomKills = oom.GetValueOrDefault("oom_kill"),
            OomEvents = oom.GetValueOrDefault("under_oom"),
            OomKillDisabled = oom.GetValueOrDefault("oom_kill_disable") != 0,
            Stat = stat,
        };
    }

    private static async ValueTask<MemoryCounter?> ReadCounterAsync(string directory, string prefix, CancellationToken ct)
    {
        if (await CgroupFiles.ReadNumberAsync(directory, prefix + ".usage_in_bytes", ct) is not { } usage)
        {
            return null;
        }

        return new MemoryCounter(
            usage,
            await CgroupFiles.ReadNumberAsync(directory, prefix + ".limit_in_bytes", ct) ?? 0,
            await CgroupFiles.ReadNumberAsync(directory, prefix + ".max_usage_in_bytes", ct) ?? 0,
            await CgroupFiles.ReadNumberAsync(directory, prefix + ".failcnt", ct) ?? 0);
    }

    private async ValueTask<PidsMetrics?> ReadPidsAsync(CancellationToken ct)
    {
        if (DirectoryOf("pids") is not { } pids || await CgroupFiles.ReadNumberAsync(pids, "pids.current", ct) is not { } current)
        {
            return null;
        }

        return new PidsMetrics(current, await CgroupFiles.ReadNumberAsync(pids, "pids.max", ct, max: 0) ?? 0);
    }

    private async ValueTask<BlockIoMetrics?> ReadBlockIoAsync(CancellationToken ct)
    {
        if (DirectoryOf("blkio") is not { } blkio)
        {
            return null;
        }

        // The CFQ/BFQ files exist only with those schedulers; the throttle files count every request, as containerd falls back.
        string prefix = File.Exists(System.IO.Path.Combine(blkio, "blkio.io_serviced_recursive")) ? "blkio." : "blkio.throttle.";
        var devices = await BlockDevices.ReadNamesAsync(ct);
        var bytes = ParseBlkio(await CgroupFiles.ReadAsync(blkio, prefix + "io_service_bytes_recursive", ct), devices);
        var serviced = ParseBlkio(await CgroupFiles.ReadAsync(blkio, prefix + "io_serviced_recursive", ct), devices);
        return new BlockIoMetrics(bytes, serviced);
    }

    // Lines are "major:minor Op value"; a last "Total value" line sums every device.
    internal static IReadOnlyList<BlockIoEntry> ParseBlkio(string? text, IReadOnlyDictionary<(ulong, ulong), string> devices)
    {
        var entries = new List<BlockIoEntry>();
        foreach (string line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3 || fields[0].Split(':') is not [var major, var minor])
            {
                continue;
            }

            ulong maj = ulong.Parse(major, CultureInfo.InvariantCulture);
            ulong min = ulong.Parse(minor, CultureInfo.InvariantCulture);
            entries.Add(new BlockIoEntry(maj, min, fields[1], CgroupFiles.ParseNumber(fields[2]), devices.GetValueOrDefault((maj, min), "")));
        }

        return entries;
    }
}
