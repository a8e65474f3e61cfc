using Berth.Core.Errors;
using Berth.Linux.Cgroups;
using Berth.Testing;

namespace Berth.Linux.Tests.Cgroups;

public sealed class OomMonitorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact, Trait("Category", "Root")]
    public async Task ReadAllAsync_MemoryHogOverTheLimit_ReportsTheKillAndDropsTheDeletedCgroup()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "creating cgroups needs root");
        var system = CgroupSystem.Load();
        Assert.SkipWhen(system.Layout == CgroupLayout.Unavailable, "no cgroup hierarchy is mounted");
        using var monitor = new OomMonitor();
        var test = TestCgroup.Create(system);
        try
        {
            test.SetMemoryLimit(32L << 20);
            monitor.Add("hog", test.Cgroup);

            // dd's 64 MiB buffer cannot fit in 32 MiB (and this host has no swap to push it to).
            var hog = test.Run("exec dd if=/dev/zero of=/dev/null bs=64M count=1");
            var oom = await FirstAsync(monitor);

            Assert.Equal("hog", oom.Id);
            Assert.Equal(test.Cgroup.Path, oom.CgroupPath);
            await hog.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(137, hog.ExitCode);
            var metrics = await test.Cgroup.ReadMetricsAsync(TestContext.Current.CancellationToken);
            Assert.True(metrics.Memory!.OomKills >= 1, "the kill is counted");
        }
        finally
        {
            test.Dispose();
        }

        await WaitUntilAsync(() => monitor.Count == 0);
    }

    [Fact]
    public async Task ReadAllAsync_V2MemoryEventsGrowOomKill_ReportsOnlyNewKills()
    {
        using var folder = new TempDirectory("oomv2");
        string events = folder.Combine("memory.events");
        File.WriteAllText(events, "low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n");
        using var monitor = new OomMonitor();
        monitor.Add("c1", new CgroupV2("/berth/c1", folder.Path));

        File.WriteAllText(events, "low 0\nhigh 0\nmax 9\noom 1\noom_kill 1\n");   // max hit, nobody killed
        File.WriteAllText(events, "low 0\nhigh 0\nmax 9\noom 2\noom_kill 2\n");
        var oom = await FirstAsync(monitor);

        Assert.Equal(new OomEvent("c1", "/berth/c1", 2), oom);
    }

    [Fact]
    public async Task Add_ReportEarlierKills_ReportsAKillCountedBeforeTheWatchOnce()
    {
        using var folder = new TempDirectory("oomv2");
        string events = folder.Combine("memory.events");
        File.WriteAllText(events, "oom 1\noom_kill 1\n");
        using var monitor = new OomMonitor();
        monitor.Add("c1", new CgroupV2("/berth/c1", folder.Path), reportEarlierKills: true);
        Assert.Equal(new OomEvent("c1", "/berth/c1", 1), await FirstAsync(monitor));

        File.WriteAllText(events, "oom 2\noom_kill 2\n");
        Assert.Equal(2UL, (await FirstAsync(monitor)).OomKills);
    }

    [Fact]
    public async Task Add_V2CgroupRemoved_DropsTheWatch()
    {
        using var folder = new TempDirectory("oomv2");
        File.WriteAllText(folder.Combine("memory.events"), "oom 0\noom_kill 0\n");
        using var monitor = new OomMonitor();
        monitor.Add("c1", new CgroupV2("/berth/c1", folder.Path));
        Assert.Equal(1, monitor.Count);

        File.Delete(folder.Combine("memory.events"));

        await WaitUntilAsync(() => monitor.Count == 0);
    }

    [Fact]
    public async Task Add_V2CgroupEmptiedByAKill_ReportsTheKillThenDropsTheWatch()
    {
        using var folder = new TempDirectory("oomv2");
        File.WriteAllText(folder.Combine("memory.events"), "oom 0\noom_kill 0\n");
        File.WriteAllText(folder.Combine("cgroup.events"), "populated 1\nfrozen 0\n");
        using var monitor = new OomMonitor();
        monitor.Add("c1", new CgroupV2("/berth/c1", folder.Path));

        // A removed cgroup2 directory sends no inotify event; its emptying does (kernfs notifies cgroup.events).
        File.WriteAllText(folder.Combine("memory.events"), "oom 1\noom_kill 1\n");
        File.WriteAllText(folder.Combine("cgroup.events"), "populated 0\nfrozen 0\n");

        Assert.Equal(1UL, (await FirstAsync(monitor)).OomKills);
        await WaitUntilAsync(() => monitor.Count == 0);
    }

    [Fact]
    public void Add_CgroupWithoutMemoryController_ThrowsFailedPrecondition()
    {
        using var folder = new TempDirectory("oomv2");
        using var monitor = new OomMonitor();

        Assert.Throws<FailedPreconditionException>(() => monitor.Add("c1", new CgroupV2("/berth/c1", folder.Path)));
    }

    [Fact]
    public async Task Dispose_WhileReading_CompletesTheReader()
    {
        var monitor = new OomMonitor();
        var reading = Task.Run(async () =>
        {
            await foreach (var unused in monitor.ReadAllAsync(TestContext.Current.CancellationToken))
            {
            }
        }, TestContext.Current.CancellationToken);

        monitor.Dispose();

        await reading.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(reading.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ReadAllAsync_Cancelled_Throws()
    {
        using var monitor = new OomMonitor();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var unused in monitor.ReadAllAsync(cancel.Token))
            {
            }
        });
    }

    private static async Task<OomEvent> FirstAsync(OomMonitor monitor)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        await foreach (var oom in monitor.ReadAllAsync(timeout.Token))
        {
            return oom;
        }

        throw new InvalidOperationException("the monitor stopped without an event");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
