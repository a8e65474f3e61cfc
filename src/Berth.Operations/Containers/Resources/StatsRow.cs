using System.Globalization;
using Berth.Core.Engine;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Resources;

/// <summary>
/// One line of <c>docker stats</c>: its fields as docker's CLI writes them. CPU % comes from two readings, as docker
/// computes it (the container's share of the host's CPU time between them, times the online CPUs); memory leaves out
/// the inactive page cache; sizes are binary for memory (<c>1.5MiB</c>) and decimal for I/O (<c>1.2kB</c>).
/// </summary>
internal static class StatsRow
{
    /// <summary>docker's default table.</summary>
    public const string DefaultTable = "{{.ID}}\\t{{.Name}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.MemPerc}}\\t{{.NetIO}}\\t{{.BlockIO}}\\t{{.PIDs}}";

    private static readonly string[] BinaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

    /// <summary>The column titles of every field.</summary>
    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["Container"] = "CONTAINER", ["ID"] = "CONTAINER ID", ["Name"] = "NAME", ["CPUPerc"] = "CPU %", ["MemUsage"] = "MEM USAGE / LIMIT",
        ["MemPerc"] = "MEM %", ["NetIO"] = "NET I/O", ["BlockIO"] = "BLOCK I/O", ["PIDs"] = "PIDS",
    };

    /// <summary>The row of <paramref name="current"/>; <paramref name="previous"/> is the reading before it, if any.</summary>
    /// <param name="container">The container as the user named it (its short id when none was named).</param>
    public static IReadOnlyDictionary<string, string> Of(string container, ContainerStatsSample? previous, ContainerStatsSample current, bool noTrunc)
    {
        double memory = MemoryUsed(current);
        double memoryPercent = current.MemoryLimit == 0 ? 0 : memory / current.MemoryLimit * 100;
        return new Dictionary<string, string>
        {
            ["Container"] = container,
            ["ID"] = noTrunc || current.Id.Length <= 12 ? current.Id : current.Id[..12],
            ["Name"] = current.Name,
            ["CPUPerc"] = Percent(previous is null ? 0 : CpuPercent(previous, current)),
            ["MemUsage"] = $"{BinarySize(memory)} / {BinarySize(current.MemoryLimit)}",
            ["MemPerc"] = Percent(memoryPercent),
            ["NetIO"] = $"{HumanUnits.Size(current.NetworkReceived)} / {HumanUnits.Size(current.NetworkSent)}",
            ["BlockIO"] = $"{HumanUnits.Size(current.BlockRead)} / {HumanUnits.Size(current.BlockWrite)}",
            ["PIDs"] = current.Pids.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The container's share of the host's CPU time between two readings, scaled to the online CPUs (100% a CPU).</summary>
    public static double CpuPercent(ContainerStatsSample previous, ContainerStatsSample current)
    {
        double cpuDelta = (double)current.CpuTotal - previous.CpuTotal;
        double systemDelta = (double)current.SystemCpu - previous.SystemCpu;
        return systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * current.OnlineCpus * 100 : 0;
    }

    /// <summary>The memory docker shows as used: the usage without the inactive page cache, which the kernel reclaims first.</summary>
    public static double MemoryUsed(ContainerStatsSample sample)
        => sample.MemoryInactiveFile < sample.MemoryUsage ? sample.MemoryUsage - sample.MemoryInactiveFile : sample.MemoryUsage;

    /// <summary>A size in binary units with four significant digits, as docker's BytesSize: <c>632KiB</c>, <c>23.54GiB</c>.</summary>
    public static string BinarySize(double bytes)
    {
        int unit = 0;
        while (bytes >= 1024 && unit < BinaryUnits.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return HumanUnits.FormatG(bytes, 4) + BinaryUnits[unit];
    }

    private static string Percent(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "%";
}
