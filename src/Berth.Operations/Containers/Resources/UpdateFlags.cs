using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Operations.Output;

namespace Berth.Operations.Containers.Resources;

/// <summary><c>docker update</c>'s flags into a <see cref="ResourceUpdate"/>, read by the same value parsers as <c>run</c>'s.</summary>
internal static class UpdateFlags
{
    /// <summary>The update; a usage error when no flag is given, as docker's CLI refuses it.</summary>
    public static ResourceUpdate Read(ContainerUpdateOptions options)
    {
        var flags = options.Resources;
        if (flags == new ResourceFlags() && options.Restart is null)
        {
            throw new ClientException("you must provide one or more flags when using this command");
        }

        long? shares = FlagValues.Int64(flags.CpuShares, "-c, --cpu-shares");
        return new ResourceUpdate
        {
            Memory = FlagValues.Bytes(flags.Memory, "-m, --memory"),
            MemorySwap = ContainerRequest.MemorySwap(flags.MemorySwap),
            MemoryReservation = FlagValues.Bytes(flags.MemoryReservation, "--memory-reservation"),
            Cpus = ContainerRequest.Cpus(flags.Cpus, options.Host),
            // A negative weight or period is as good as none: dockerd leaves the setting as it is.
            CpuShares = shares is > 0 ? (ulong)shares.Value : null,
            CpuPeriod = FlagValues.Int64(flags.CpuPeriod, "--cpu-period") is > 0 and var period ? (ulong)period : null,
            CpuQuota = FlagValues.Int64(flags.CpuQuota, "--cpu-quota"),
            CpusetCpus = flags.CpusetCpus,
            CpusetMems = flags.CpusetMems,
            PidsLimit = FlagValues.Int64(flags.PidsLimit, "--pids-limit"),
            BlkioWeight = (ushort?)FlagValues.UInt(flags.BlkioWeight, "--blkio-weight", 16),
            Restart = options.Restart is null ? null : RestartPolicy.Parse(options.Restart),
        };
    }
}
