using System.Globalization;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Engine.Resources;

/// <summary>
/// <c>docker update</c>'s rules: which values dockerd refuses outright (its settings check, plain words) and which
/// clash with what the container already has (<c>Cannot update container &lt;id&gt;: …</c>), then the container's new
/// options. Unset and zero values leave a setting as it is, as in dockerd.
/// </summary>
internal static class ResourceChanges
{
    private const long MinimumMemory = 6 * 1024 * 1024;

    /// <summary>Refuses values no container may have, in dockerd's words.</summary>
    public static void Check(ResourceUpdate update, int processorCount)
    {
        if (update.Memory is > 0 and < MinimumMemory)
        {
            throw new InvalidArgumentException("Minimum memory limit allowed is 6MB");
        }

        if (update is { Memory: > 0, MemorySwap: > 0 } && update.MemorySwap < update.Memory)
        {
            throw new InvalidArgumentException("Minimum memoryswap limit should be larger than memory limit, see usage");
        }

        if (update.MemoryReservation is > 0 and < MinimumMemory)
        {
            throw new InvalidArgumentException("Minimum memory reservation allowed is 6MB");
        }

        if (update is { Memory: > 0, MemoryReservation: > 0 } && update.MemoryReservation > update.Memory)
        {
            throw new InvalidArgumentException("Minimum memory limit can not be less than memory reservation limit, see usage");
        }

        if (update.Cpus is { } cpus && (cpus < 0 || cpus > processorCount))
        {
            throw new InvalidArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Range of CPUs is from 0.01 to {processorCount}.00, as there are only {processorCount} CPUs available"));
        }

        if (update.Cpus is > 0 && (update.CpuPeriod is > 0 || update.CpuQuota is > 0))
        {
            throw new InvalidArgumentException($"Conflicting options: Nano CPUs and CPU {(update.CpuPeriod is > 0 ? "Period" : "Quota")} cannot both be set");
        }

        if (update.CpuPeriod is > 0 and (< 1000 or > 1_000_000))
        {
            throw new InvalidArgumentException("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)");
        }

        if (update.CpuQuota is > 0 and < 1000)
        {
            throw new InvalidArgumentException("CPU cfs quota can not be less than 1ms (i.e. 1000)");
        }

        if (update.BlkioWeight is > 0 and (< 10 or > 1000))
        {
            throw new InvalidArgumentException("Range of blkio weight is from 10 to 1000");
        }
    }

    /// <summary>The container's options after the update; InvalidArgument when it clashes with what the container has.</summary>
    public static ContainerCreate Apply(string id, ContainerCreate current, ResourceUpdate update)
    {
        var spec = current.Spec;
        string? clash = Clash(spec, update)
            ?? (update.Restart is { Name: not "no" } && current.AutoRemove ? "Restart policy cannot be updated because AutoRemove is enabled for the container" : null);
        if (clash is not null)
        {
            throw new InvalidArgumentException($"Cannot update container {id}: {clash}");
        }

        // A swap limit that was implied by the memory limit stays what it was when only the memory changes.
        long? swap = update.MemorySwap is not (null or 0) ? update.MemorySwap
            : update.Memory is > 0 && spec.MemorySwap is null && spec.Memory is > 0 ? spec.Memory * 2
            : spec.MemorySwap;
        var updated = spec with
        {
            Memory = update.Memory is > 0 ? update.Memory : spec.Memory,
            MemorySwap = swap,
            MemoryReservation = update.MemoryReservation is > 0 ? update.MemoryReservation : spec.MemoryReservation,
            Cpus = update.Cpus is > 0 ? update.Cpus : spec.Cpus,
            CpuShares = update.CpuShares is > 0 ? update.CpuShares : spec.CpuShares,
            CpuPeriod = update.CpuPeriod is > 0 ? update.CpuPeriod : spec.CpuPeriod,
            CpuQuota = update.CpuQuota is not (null or 0) ? update.CpuQuota : spec.CpuQuota,
            CpusetCpus = string.IsNullOrEmpty(update.CpusetCpus) ? spec.CpusetCpus : update.CpusetCpus,
            CpusetMems = string.IsNullOrEmpty(update.CpusetMems) ? spec.CpusetMems : update.CpusetMems,
            // 0 and -1 are docker's "unlimited": the container then has no limit, as if it never had one.
            PidsLimit = update.PidsLimit is { } pids ? (pids > 0 ? pids : null) : spec.PidsLimit,
            BlkioWeight = update.BlkioWeight is > 0 ? update.BlkioWeight : spec.BlkioWeight,
        };
        return current with { Spec = updated, Restart = update.Restart ?? current.Restart };
    }

    // dockerd's UpdateContainer: --cpus and --cpu-period/--cpu-quota replace each other's effect, so one set blocks the other.
    private static string? Clash(ContainerSpecOptions spec, ResourceUpdate update)
    {
        long effectiveSwap = spec.MemorySwap ?? (spec.Memory is > 0 ? spec.Memory.Value * 2 : 0);
        return update switch
        {
            { Cpus: > 0 } when spec.CpuPeriod is > 0 => "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set",
            { Cpus: > 0 } when spec.CpuQuota is > 0 => "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set",
            { CpuPeriod: > 0 } when spec.Cpus is > 0 => "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set",
            { CpuQuota: > 0 } when spec.Cpus is > 0 => "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set",
            { Memory: > 0 and var memory, MemorySwap: null or 0 } when memory > effectiveSwap
                => "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time",
            _ => null,
        };
    }
}
