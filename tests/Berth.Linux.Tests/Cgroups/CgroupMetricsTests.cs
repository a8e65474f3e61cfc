using Berth.Core.Errors;
using Berth.Linux.Cgroups;
using Berth.Testing;

namespace Berth.Linux.Tests.Cgroups;

[Trait("Category", "Root")]
public sealed class CgroupMetricsTests
{
    private static CgroupSystem HostOrSkip()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "creating cgroups needs root");
        var system = CgroupSystem.Load();
        Assert.SkipWhen(system.Layout == CgroupLayout.Unavailable, "no cgroup hierarchy is mounted");
        return system;
    }

    [Fact]
    public async Task ReadMetricsAsync_ProcessInTheCgroup_ReportsItsCpuMemoryAndPids()
    {
        var system = HostOrSkip();
        using var test = TestCgroup.Create(system);
        test.SetMemoryLimit(256L << 20);
        test.SetPidsLimit(50);

        // dd copies 64 MiB through a 4 MiB buffer: CPU time and a memory peak charged here; then it idles as one process.
        var process = test.Run("dd if=/dev/zero of=/dev/null bs=4M count=16 2>/dev/null; echo copied; exec sleep 60");
        Assert.Equal("copied", await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));

        var metrics = await test.Cgroup.ReadMetricsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(system.Version, metrics.Version);
        Assert.NotNull(metrics.Cpu);
        Assert.True(metrics.Cpu.Total > 0, "cpu usage");
        Assert.True(metrics.Cpu.User + metrics.Cpu.Kernel <= metrics.Cpu.Total + 20_000_000, "user + kernel within the total (tick rounding)");
        Assert.NotNull(metrics.Memory);
        Assert.Equal(256UL << 20, metrics.Memory.Usage.Limit);
        Assert.True(metrics.Memory.Usage.Usage > 0, "memory usage");
        Assert.Equal(0UL, metrics.Memory.OomKills);
        Assert.NotEmpty(metrics.Memory.Stat);
        Assert.Equal(new PidsMetrics(1, 50), metrics.Pids);
        Assert.NotNull(metrics.BlockIo);
        if (metrics.Version == CgroupVersion.V1)
        {
            Assert.True(metrics.Memory.Usage.Max >= 4UL << 20, $"peak {metrics.Memory.Usage.Max} holds dd's buffer");
            Assert.NotEmpty(metrics.Cpu.PerCpu);
            // The files are read one after another while the shell is still exec'ing sleep: close, not equal.
            Assert.InRange(metrics.Cpu.PerCpu.Aggregate(0UL, (a, b) => a + b), metrics.Cpu.Total / 2, metrics.Cpu.Total * 2);
        }
    }

    [Fact]
    public async Task ReadMetricsAsync_UnifiedHierarchyCgroup_ReportsV2Cpu()
    {
        var system = HostOrSkip();
        Assert.SkipWhen(system.UnifiedMount is null, "no cgroup2 hierarchy is mounted");
        using var test = TestCgroup.CreateUnified(system);

        var process = test.Run("dd if=/dev/zero of=/dev/null bs=4M count=16 2>/dev/null; echo copied; exec sleep 60");
        Assert.Equal("copied", await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken));

        var metrics = await test.Cgroup.ReadMetricsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(CgroupVersion.V2, metrics.Version);
        Assert.NotNull(metrics.Cpu);
        Assert.True(metrics.Cpu.Total > 0, "cpu usage");
        Assert.Empty(metrics.Cpu.PerCpu);
        // A hybrid host's v2 hierarchy has no memory or pids controller; a unified one enables them for the test's cgroup.
        Assert.Equal(system.Layout == CgroupLayout.Unified, metrics.Memory is not null);
        Assert.Equal([process.Id], test.Cgroup.Processes());
    }

    [Fact]
    public async Task Delete_CgroupWithKilledProcess_RemovesEveryDirectory()
    {
        var system = HostOrSkip();
        var test = TestCgroup.Create(system);
        test.Run("exec sleep 60");
        var directories = test.Cgroup.Directories;
        Assert.All(directories, d => Assert.True(Directory.Exists(d)));

        test.Dispose();

        Assert.All(directories, d => Assert.False(Directory.Exists(d), d));
        Assert.False(test.Cgroup.Exists);
        await Assert.ThrowsAsync<NotFoundException>(async () => await test.Cgroup.ReadMetricsAsync(TestContext.Current.CancellationToken));
    }
}
