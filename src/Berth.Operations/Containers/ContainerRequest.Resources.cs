using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Operations.Output;
using CoreUlimit = Berth.Core.Containers.Options.Ulimit;

namespace Berth.Operations.Containers;

internal static partial class ContainerRequest
{
    private static ContainerSpecOptions WithResources(ContainerSpecOptions spec, ResourceFlags flags, FlagHost host)
    {
        long? swappiness = FlagValues.Int64(flags.MemorySwappiness, "--memory-swappiness");
        // -1 is docker's "not set", its default.
        if (swappiness is not (null or -1) and (< 0 or > 100))
        {
            throw new ClientException($"invalid value: {swappiness}. Valid memory swappiness range is 0-100", 125);
        }

        long? shares = FlagValues.Int64(flags.CpuShares, "-c, --cpu-shares");
        ushort? blkio = (ushort?)FlagValues.UInt(flags.BlkioWeight, "--blkio-weight", 16);
        return spec with
        {
            Memory = FlagValues.Bytes(flags.Memory, "-m, --memory"),
            MemorySwap = MemorySwap(flags.MemorySwap),
            MemoryReservation = FlagValues.Bytes(flags.MemoryReservation, "--memory-reservation"),
            MemorySwappiness = swappiness is -1 ? null : swappiness,
            ShmSize = FlagValues.Bytes(flags.ShmSize, "--shm-size"),
            OomKillDisable = flags.OomKillDisable,
            Cpus = Cpus(flags.Cpus, host),
            // 0 is docker's "not set" for the weights.
            CpuShares = shares is null or 0 ? null
                : shares > 0 ? (ulong)shares.Value
                : throw new InvalidArgumentException($"invalid --cpu-shares {shares}: the weight cannot be negative"),
            CpuPeriod = FlagValues.Int64(flags.CpuPeriod, "--cpu-period") is { } period and not 0 ? checked((ulong)Math.Max(period, 0)) : null,
            CpuQuota = FlagValues.Int64(flags.CpuQuota, "--cpu-quota") is { } quota and not 0 ? quota : null,
            CpusetCpus = flags.CpusetCpus,
            CpusetMems = flags.CpusetMems,
            PidsLimit = FlagValues.Int64(flags.PidsLimit, "--pids-limit"),
            BlkioWeight = blkio is 0 ? null : blkio,
            OomScoreAdj = FlagValues.Int32(flags.OomScoreAdj, "--oom-score-adj"),
        };
    }

    // docker's MemSwapBytes: a size, or -1 for unlimited swap.
    internal static long? MemorySwap(string? text) => text == "-1" ? -1 : FlagValues.Bytes(text, "--memory-swap");

    // docker's CLI reads a rational number (its flag's words); the range against the host's CPUs is the daemon's check.
    internal static decimal? Cpus(string? text, FlagHost host)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            long nano = CpuCount.ParseNanoCpus(text, host.ProcessorCount);
            return nano == 0 ? null : nano / 1_000_000_000m;
        }
        catch (InvalidArgumentException ex) when (ex.Message.StartsWith("failed to parse", StringComparison.Ordinal))
        {
            throw FlagValues.Invalid(text, "--cpus", ex.Message);
        }
    }

    private static List<CoreUlimit> Ulimits(IReadOnlyList<string> flags)
    {
        var limits = new List<CoreUlimit>();
        foreach (string text in flags)
        {
            Ulimit parsed;
            try
            {
                parsed = Ulimit.Parse(text);
            }
            catch (InvalidArgumentException ex)
            {
                throw FlagValues.Invalid(text, "--ulimit", ex.Message);
            }

            // The CLI's -1 is the spec's "unlimited", the largest value.
            limits.Add(new CoreUlimit(parsed.Name, Unlimited(parsed.Soft), Unlimited(parsed.Hard)));
        }

        return limits;
    }

    private static ulong Unlimited(long value) => value < 0 ? ulong.MaxValue : (ulong)value;
}
