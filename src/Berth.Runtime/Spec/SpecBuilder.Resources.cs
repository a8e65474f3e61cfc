using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

public sealed partial class SpecBuilder
{
    private const long MinimumMemory = 6 * 1024 * 1024;
    private const ulong CfsPeriod = 100_000;

    // Kernel parameters with a copy per IPC namespace; net.* has one per network namespace.
    private static readonly HashSet<string> IpcSysctls =
        ["kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"];

    private static void ApplyResources(LinuxSpec linux, ContainerSpecOptions options)
    {
        var resources = linux.Resources!;
        resources.Memory = BuildMemory(options);

        if (options.Cpus is not null && (options.CpuQuota is not null || options.CpuPeriod is not null))
        {
            throw new InvalidArgumentException("--cpus cannot be combined with --cpu-quota or --cpu-period; use one or the other");
        }

        var cpu = new LinuxCpu
        {
            Shares = options.CpuShares,
            Quota = options.CpuQuota,
            Period = options.CpuPeriod,
            Cpus = options.CpusetCpus,
            Mems = options.CpusetMems,
        };
        if (options.Cpus is { } cpus)
        {
            int available = Environment.ProcessorCount;
            if (cpus < 0.01m || cpus > available)
            {
                throw new InvalidArgumentException($"--cpus {cpus}: the range is 0.01 to {available}, as there are only {available} CPUs available");
            }

            cpu.Period = CfsPeriod;
            cpu.Quota = (long)Math.Round(cpus * CfsPeriod);
        }

        resources.Cpu = cpu is { Shares: null, Quota: null, Period: null, Cpus: null, Mems: null } ? null : cpu;

        if (options.PidsLimit is > 0 and var pids)
        {
            resources.Pids = new LinuxPids { Limit = pids };
        }

        if (options.BlkioWeight is { } weight)
        {
            resources.BlockIo = weight is >= 10 and <= 1000
                ? new LinuxBlockIo { Weight = weight } : throw new InvalidArgumentException($"--blkio-weight {weight}: must be between 10 and 1000");
        }
    }

    private static LinuxMemory? BuildMemory(ContainerSpecOptions options)
    {
        var memory = new LinuxMemory();
        if (options.Memory is { } limit)
        {
            memory.Limit = limit >= MinimumMemory
                ? limit : throw new InvalidArgumentException($"--memory {limit}: the minimum is 6MB ({MinimumMemory} bytes)");
        }

        switch (options.MemorySwap)
        {
            case -1:
                memory.Swap = -1;
                break;
            case > 0 and var swap when memory.Limit is null:
                throw new InvalidArgumentException($"--memory-swap {swap} needs --memory too: the swap limit counts memory plus swap");
            case > 0 and var swap when swap < memory.Limit:
                throw new InvalidArgumentException($"--memory-swap {swap} is below --memory {memory.Limit}: it counts memory plus swap, so it must be at least the memory limit");
            case > 0 and var swap:
                memory.Swap = swap;
                break;
            default:
                // docker: without a swap limit, a container may swap as much as its memory limit.
                memory.Swap = memory.Limit * 2;
                break;
        }

        if (options.MemoryReservation is { } reservation)
        {
            memory.Reservation = memory.Limit is null || reservation <= memory.Limit
                ? reservation : throw new InvalidArgumentException($"--memory-reservation {reservation} must be below --memory {memory.Limit}");
        }

        if (options.MemorySwappiness is { } swappiness and not -1)
        {
            memory.Swappiness = swappiness is >= 0 and <= 100
                ? (ulong)swappiness : throw new InvalidArgumentException($"--memory-swappiness {swappiness}: must be between 0 and 100");
        }

        memory.DisableOomKiller = options.OomKillDisable ? true : null;
        return memory is { Limit: null, Swap: null, Reservation: null, Swappiness: null, DisableOomKiller: null } ? null : memory;
    }

    private static void ApplySysctls(LinuxSpec linux, ContainerSpecOptions options)
    {
        if (options.Sysctls.Count == 0)
        {
            return;
        }

        bool ownNetwork = linux.Namespaces!.Any(n => n.Type == NamespaceTypes.Network);
        foreach (string name in options.Sysctls.Keys)
        {
            bool namespaced = IpcSysctls.Contains(name) || name.StartsWith("fs.mqueue.", StringComparison.Ordinal)
                || (ownNetwork && name.StartsWith("net.", StringComparison.Ordinal));
            if (!namespaced)
            {
                throw new InvalidArgumentException(
                    $"--sysctl {name}: not a setting of the container's own namespaces{(ownNetwork ? string.Empty : " (the host's network is shared)")}; only kernel.msg*, kernel.sem, kernel.shm*, fs.mqueue.* and net.* may be set");
            }
        }

        linux.Sysctl = new Dictionary<string, string>(options.Sysctls, StringComparer.Ordinal);
    }
}
