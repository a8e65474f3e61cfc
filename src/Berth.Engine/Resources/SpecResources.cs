using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Oci.Runtime;

namespace Berth.Engine.Resources;

/// <summary>
/// Writes a container's updated limits into its runtime spec (so the next start applies them) and gives the
/// <c>LinuxResources</c> JSON that <c>runc update --resources -</c> applies to the running task. Only the limits
/// <c>docker update</c> changes are touched; devices, swappiness and the rest stay as created.
/// </summary>
internal static class SpecResources
{
    private const ulong CfsPeriod = 100_000;

    /// <summary>Sets the spec's memory, cpu, pids and block I/O limits from <paramref name="options"/>.</summary>
    public static void Apply(RuntimeSpec spec, ContainerSpecOptions options)
    {
        var linux = spec.Linux ??= new LinuxSpec();
        var resources = linux.Resources ??= new LinuxResources();

        var memory = resources.Memory ?? new LinuxMemory();
        memory.Limit = options.Memory ?? memory.Limit;
        memory.Swap = options.MemorySwap is not null and not 0 ? options.MemorySwap : options.Memory * 2 ?? memory.Swap;
        memory.Reservation = options.MemoryReservation ?? memory.Reservation;
        resources.Memory = memory is { Limit: null, Swap: null, Reservation: null, Swappiness: null, DisableOomKiller: null } ? null : memory;

        var cpu = resources.Cpu ?? new LinuxCpu();
        cpu.Shares = options.CpuShares ?? cpu.Shares;
        if (options.Cpus is { } cpus)
        {
            cpu.Period = CfsPeriod;
            cpu.Quota = (long)Math.Round(cpus * CfsPeriod);
        }
        else
        {
            cpu.Period = options.CpuPeriod ?? cpu.Period;
            cpu.Quota = options.CpuQuota ?? cpu.Quota;
        }

        cpu.Cpus = options.CpusetCpus ?? cpu.Cpus;
        cpu.Mems = options.CpusetMems ?? cpu.Mems;
        resources.Cpu = cpu is { Shares: null, Quota: null, Period: null, Cpus: null, Mems: null } ? null : cpu;

        // An unlimited count is "max" for the runtime: -1 rather than no entry, so that a running task loses its old limit.
        resources.Pids = options.PidsLimit is > 0 and var pids ? new LinuxPids { Limit = pids }
            : resources.Pids is null ? null : new LinuxPids { Limit = -1 };
        if (options.BlkioWeight is { } weight)
        {
            (resources.BlockIo ??= new LinuxBlockIo()).Weight = weight;
        }
    }

    /// <summary>The spec's <c>linux.resources</c> as JSON, as the runtime reads it.</summary>
    public static byte[] ResourcesJson(RuntimeSpec spec)
    {
        using var document = JsonDocument.Parse(RuntimeSpecJson.Serialize(spec));
        return document.RootElement.TryGetProperty("linux", out var linux) && linux.TryGetProperty("resources", out var resources)
            ? System.Text.Encoding.UTF8.GetBytes(resources.GetRawText())
            : "{}"u8.ToArray();
    }
}
