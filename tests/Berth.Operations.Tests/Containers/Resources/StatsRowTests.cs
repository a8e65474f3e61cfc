using Berth.Core.Engine;
using Berth.Operations.Containers.Resources;

namespace Berth.Operations.Tests.Containers.Resources;

/// <summary>docker stats' figures, against lines dockerd 20.10 and docker 28 printed on this machine.</summary>
public sealed class StatsRowTests
{
    private const string Id = "3eb9927abbf5f6ad6dd354c48fdaf79ba9ee638de2b4248e376b898cfc8e9b1c";

    private static ContainerStatsSample Sample(ulong cpu = 0, ulong system = 0) => new(Id, "s1", DateTimeOffset.UnixEpoch)
    {
        Running = true, CpuTotal = cpu, SystemCpu = system, OnlineCpus = 8, MemoryUsage = 750 * 1024, MemoryInactiveFile = 102 * 1024,
        MemoryLimit = 64 << 20, Pids = 1,
    };

    [Theory]
    [InlineData(0, "0B")]
    [InlineData(548 * 1024, "548KiB")]
    [InlineData(64L << 20, "64MiB")]
    [InlineData(25_275_637_760L, "23.54GiB")]
    [InlineData(1536, "1.5KiB")]
    public void BinarySize_WritesFourSignificantDigits(long bytes, string expected)
        => Assert.Equal(expected, StatsRow.BinarySize(bytes));

    [Fact]
    public void Of_LeavesTheInactiveCacheOutOfTheUsage()
    {
        var row = StatsRow.Of("s1", null, Sample(), noTrunc: false);

        Assert.Equal("648KiB / 64MiB", row["MemUsage"]);
        Assert.Equal("0.99%", row["MemPerc"]);
        Assert.Equal("3eb9927abbf5", row["ID"]);
        Assert.Equal("0.00%", row["CPUPerc"]);
        Assert.Equal("0B / 0B", row["NetIO"]);
        Assert.Equal("1", row["PIDs"]);
    }

    [Fact]
    public void CpuPercent_IsTheShareOfHostTimeTimesTheCpus()
    {
        // Half a CPU-second used while 8 CPUs gave 8 seconds: 6.25% of the host, 50% of one CPU.
        double percent = StatsRow.CpuPercent(Sample(1_000_000_000, 10_000_000_000), Sample(1_500_000_000, 18_000_000_000));

        Assert.Equal(50.0, percent, 6);
    }

    [Fact]
    public void Of_WritesIoInDecimalUnits()
    {
        var sample = Sample() with { NetworkReceived = 1234, NetworkSent = 5_600_000, BlockRead = 20_971_520, BlockWrite = 0 };

        var row = StatsRow.Of(Id[..12], null, sample, noTrunc: true);

        Assert.Equal("1.23kB / 5.6MB", row["NetIO"]);
        Assert.Equal("21MB / 0B", row["BlockIO"]);
        Assert.Equal(Id, row["ID"]);
    }

    [Fact]
    public void Of_StoppedContainer_IsAllZeros()
    {
        var row = StatsRow.Of("s3", null, new ContainerStatsSample(Id, "s3", DateTimeOffset.UnixEpoch), noTrunc: false);

        Assert.Equal(["0.00%", "0B / 0B", "0.00%", "0B / 0B", "0B / 0B", "0"],
            [row["CPUPerc"], row["MemUsage"], row["MemPerc"], row["NetIO"], row["BlockIO"], row["PIDs"]]);
    }
}
