using System.Globalization;
using Berth.Core.Engine;
using Berth.Linux.Cgroups;

namespace Berth.Engine.Resources;

/// <summary>
/// One reading of a running container for <c>docker stats</c>: its cgroup (v1 or v2, found from its init pid) and its
/// network namespace's counters (/proc/&lt;pid&gt;/net/dev), with the host's CPU time and memory that docker's figures
/// are relative to.
/// </summary>
internal static class StatsReader
{
    // USER_HZ: /proc/stat counts in hundredths of a second on every architecture .NET runs on.
    private const ulong NanosecondsPerTick = 10_000_000;

    /// <summary>Fills <paramref name="sample"/> from the cgroup and network namespace of <paramref name="pid"/>.</summary>
    public static async ValueTask<ContainerStatsSample> ReadAsync(ContainerStatsSample sample, int pid, bool hostNetwork, string procRoot,
        CancellationToken cancellationToken)
    {
        var metrics = await CgroupSystem.Load(procRoot).OpenForProcess(pid).ReadMetricsAsync(cancellationToken);
        ulong machineMemory = MachineMemory(procRoot);
        var memory = metrics.Memory;
        ulong limit = memory?.Usage.Limit ?? 0;
        var (received, sent) = hostNetwork ? (0UL, 0UL) : NetworkCounters(procRoot, pid);
        return sample with
        {
            Running = true,
            CpuTotal = metrics.Cpu?.Total ?? 0,
            SystemCpu = SystemCpu(procRoot),
            OnlineCpus = OnlineCpus(procRoot),
            MemoryUsage = memory?.Usage.Usage ?? 0,
            // v1 reports "no limit" as the largest page-aligned long, v2 as "max": dockerd shows the machine's memory instead.
            MemoryLimit = limit == 0 || limit > machineMemory ? machineMemory : limit,
            MemoryInactiveFile = memory is null ? 0
                : memory.Stat.TryGetValue("total_inactive_file", out ulong v1) ? v1
                : memory.Stat.TryGetValue("inactive_file", out ulong v2) ? v2 : 0,
            Pids = metrics.Pids?.Current ?? 0,
            BlockRead = Bytes(metrics.BlockIo, "Read"),
            BlockWrite = Bytes(metrics.BlockIo, "Write"),
            NetworkReceived = received,
            NetworkSent = sent,
        };
    }

    /// <summary>The first seven fields of /proc/stat's <c>cpu</c> line (user to softirq), as dockerd sums them.</summary>
    public static ulong SystemCpu(string procRoot)
    {
        string? line = File.ReadLines(Path.Join(procRoot, "stat")).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        ulong ticks = 0;
        foreach (string field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(7))
        {
            ticks += ulong.Parse(field, CultureInfo.InvariantCulture);
        }

        return ticks * NanosecondsPerTick;
    }

    /// <summary>The host's online CPUs (its cpuN lines in /proc/stat): all of them, where .NET's count is this process's share.</summary>
    public static uint OnlineCpus(string procRoot)
    {
        uint count = (uint)File.ReadLines(Path.Join(procRoot, "stat"))
            .Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        return count > 0 ? count : (uint)Environment.ProcessorCount;
    }

    /// <summary>Received and sent bytes over every interface but loopback, from /proc/net/dev's layout.</summary>
    public static (ulong Received, ulong Sent) NetworkCounters(string procRoot, int pid)
    {
        string file = Path.Join(procRoot, pid.ToString(CultureInfo.InvariantCulture), "net", "dev");
        ulong received = 0, sent = 0;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (0, 0);
        }

        // Two header lines, then "  eth0: rx_bytes rx_packets … (8 receive fields) tx_bytes …".
        foreach (string line in lines.Skip(2))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || line[..colon].Trim() == "lo")
            {
                continue;
            }

            string[] fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 9)
            {
                received += ulong.Parse(fields[0], CultureInfo.InvariantCulture);
                sent += ulong.Parse(fields[8], CultureInfo.InvariantCulture);
            }
        }

        return (received, sent);
    }

    private static ulong MachineMemory(string procRoot)
    {
        string? line = File.ReadLines(Path.Join(procRoot, "meminfo")).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        string[] fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return fields.Length >= 2 ? ulong.Parse(fields[1], CultureInfo.InvariantCulture) * 1024 : ulong.MaxValue;
    }

    private static ulong Bytes(BlockIoMetrics? io, string op)
        => io is null ? 0 : io.ServiceBytes.Where(e => string.Equals(e.Op, op, StringComparison.OrdinalIgnoreCase)).Aggregate(0UL, (sum, e) => sum + e.Value);
}
