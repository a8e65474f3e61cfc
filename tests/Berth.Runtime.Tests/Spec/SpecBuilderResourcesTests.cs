using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using static Berth.Runtime.Tests.Spec.SpecBuilderDefaultsTests;

namespace Berth.Runtime.Tests.Spec;

public sealed class SpecBuilderResourcesTests
{
    private const long Mib = 1024 * 1024;

    [Fact]
    public void Build_NoLimits_LeavesResourcesToDeviceRules()
    {
        var resources = Build().Linux!.Resources!;

        Assert.Null(resources.Memory);
        Assert.Null(resources.Cpu);
        Assert.Null(resources.Pids);
        Assert.Null(resources.BlockIo);
    }

    [Fact]
    public void Build_Memory_AllowsAsMuchSwapAsMemory()
    {
        var memory = Build(new ContainerSpecOptions { Memory = 64 * Mib, MemoryReservation = 32 * Mib, OomKillDisable = true }).Linux!.Resources!.Memory!;

        Assert.Equal(64 * Mib, memory.Limit);
        Assert.Equal(128 * Mib, memory.Swap);
        Assert.Equal(32 * Mib, memory.Reservation);
        Assert.True(memory.DisableOomKiller);
    }

    [Fact]
    public void Build_MemorySwap_IsMemoryPlusSwapOrUnlimited()
    {
        Assert.Equal(100 * Mib, Build(new ContainerSpecOptions { Memory = 64 * Mib, MemorySwap = 100 * Mib }).Linux!.Resources!.Memory!.Swap);
        Assert.Equal(-1, Build(new ContainerSpecOptions { Memory = 64 * Mib, MemorySwap = -1 }).Linux!.Resources!.Memory!.Swap);
    }

    [Theory]
    [InlineData(1024L, null)]
    [InlineData(64 * Mib, 32 * Mib)]
    [InlineData(null, 64 * Mib)]
    public void Build_InconsistentMemory_Throws(long? memory, long? swap)
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Memory = memory, MemorySwap = swap }));
    }

    [Fact]
    public void Build_Cpus_SetsQuotaOverDockersPeriod()
    {
        var cpu = Build(new ContainerSpecOptions { Cpus = 0.5m, CpuShares = 512, CpusetCpus = "0", CpusetMems = "0" }).Linux!.Resources!.Cpu!;

        Assert.Equal((50_000L, 100_000UL), (cpu.Quota, cpu.Period));
        Assert.Equal(512UL, cpu.Shares);
        Assert.Equal(("0", "0"), (cpu.Cpus, cpu.Mems));
    }

    [Fact]
    public void Build_CpusWithQuota_Throws()
    {
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Cpus = 1, CpuQuota = 1000 }));
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { Cpus = Environment.ProcessorCount + 1 }));
    }

    [Fact]
    public void Build_PidsLimit_SetsOnlyPositiveLimits()
    {
        Assert.Equal(100, Build(new ContainerSpecOptions { PidsLimit = 100 }).Linux!.Resources!.Pids!.Limit);
        Assert.Null(Build(new ContainerSpecOptions { PidsLimit = -1 }).Linux!.Resources!.Pids);
        Assert.Null(Build(new ContainerSpecOptions { PidsLimit = 0 }).Linux!.Resources!.Pids);
    }

    [Fact]
    public void Build_BlkioWeight_MustBeInRange()
    {
        Assert.Equal((ushort)300, Build(new ContainerSpecOptions { BlkioWeight = 300 }).Linux!.Resources!.BlockIo!.Weight);
        Assert.Throws<InvalidArgumentException>(() => Build(new ContainerSpecOptions { BlkioWeight = 5 }));
    }
}
