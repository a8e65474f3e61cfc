using Berth.Linux.Cgroups;
using Berth.Shim.Metrics;
using Google.Protobuf;
using V1 = Io.Containerd.Cgroups.V1;
using V2 = Io.Containerd.Cgroups.V2;

namespace Berth.Shim.Tests.Metrics;

public sealed class CgroupMetricsConverterTests
{
    private static readonly MemoryMetrics Memory = new()
    {
        Usage = new MemoryCounter(Usage: 5_000, Limit: 64 << 20, Max: 9_000, Failcnt: 2),
        Swap = new MemoryCounter(6_000, 128 << 20, 10_000, 0),
        Anon = 3_000,
        File = 2_000,
        OomKills = 1,
        OomEvents = 1,
        Stat = new Dictionary<string, ulong>
        {
            ["cache"] = 2_000, ["rss"] = 3_000, ["total_cache"] = 2_100, ["total_rss"] = 3_100, ["hierarchical_memsw_limit"] = 77,
            ["anon"] = 3_000, ["file"] = 2_000, ["workingset_refault_anon"] = 4, ["workingset_refault_file"] = 5, ["pgfault"] = 42,
        },
        Events = new Dictionary<string, ulong> { ["max"] = 7, ["oom"] = 2, ["oom_kill"] = 1 },
    };

    [Fact]
    public void ToAny_V1Reading_PacksWithContainerdsTypeUrlAndFields()
    {
        var metrics = new CgroupMetrics(CgroupVersion.V1)
        {
            Cpu = new CpuMetrics(Total: 300, User: 200, Kernel: 100, PerCpu: [120, 180], Periods: 4, ThrottledPeriods: 1, ThrottledTime: 50),
            Memory = Memory,
            Pids = new PidsMetrics(3, 10),
            BlockIo = new BlockIoMetrics([new BlockIoEntry(8, 0, "Read", 4096, "/dev/sda")], [new BlockIoEntry(8, 0, "Total", 3)]),
        };

        var any = CgroupMetricsConverter.ToAny(metrics);

        Assert.Equal("io.containerd.cgroups.v1.Metrics", any.TypeUrl);
        var message = V1.Metrics.Parser.ParseFrom(any.Value);
        Assert.Equal(300UL, message.Cpu.Usage.Total);
        Assert.Equal([120UL, 180UL], message.Cpu.Usage.PerCpu);
        Assert.Equal(1UL, message.Cpu.Throttling.ThrottledPeriods);
        Assert.Equal(5_000UL, message.Memory.Usage.Usage);
        Assert.Equal(64UL << 20, message.Memory.Usage.Limit);
        Assert.Equal(9_000UL, message.Memory.Usage.Max);
        Assert.Equal(6_000UL, message.Memory.Swap.Usage);
        Assert.Equal(2_100UL, message.Memory.TotalCache);
        Assert.Equal(3_000UL, message.Memory.Rss);
        Assert.Equal(77UL, message.Memory.HierarchicalSwapLimit);
        Assert.NotNull(message.Memory.Kernel);   // present and zero, as containerd sends it
        Assert.Equal(1UL, message.MemoryOomControl.OomKill);
        Assert.Equal(new V1.PidsStat { Current = 3, Limit = 10 }, message.Pids);
        Assert.Equal(new V1.BlkIOEntry { Op = "Read", Device = "/dev/sda", Major = 8, Value = 4096 }, Assert.Single(message.Blkio.IoServiceBytesRecursive));
        Assert.Equal("Total", Assert.Single(message.Blkio.IoServicedRecursive).Op);
    }

    [Fact]
    public void ToAny_V2Reading_PacksMicrosecondsEventsAndOneIoEntryPerDevice()
    {
        var metrics = new CgroupMetrics(CgroupVersion.V2)
        {
            Cpu = new CpuMetrics(Total: 3_000_999, User: 2_000_000, Kernel: 1_000_000, PerCpu: [], Periods: 4, ThrottledPeriods: 1, ThrottledTime: 50_000),
            Memory = Memory,
            Pids = new PidsMetrics(3, 0),
            BlockIo = new BlockIoMetrics(
                [new BlockIoEntry(8, 0, "Read", 4096), new BlockIoEntry(8, 0, "Write", 512), new BlockIoEntry(253, 1, "Read", 1)],
                [new BlockIoEntry(8, 0, "Read", 2), new BlockIoEntry(8, 0, "Write", 1), new BlockIoEntry(8, 0, "Discard", 9)]),
        };

        var any = CgroupMetricsConverter.ToAny(metrics);

        Assert.Equal("io.containerd.cgroups.v2.Metrics", any.TypeUrl);
        var message = V2.Metrics.Parser.ParseFrom(any.Value);
        Assert.Equal(3_000UL, message.Cpu.UsageUsec);
        Assert.Equal(2_000UL, message.Cpu.UserUsec);
        Assert.Equal(50UL, message.Cpu.ThrottledUsec);
        Assert.Equal(5_000UL, message.Memory.Usage);
        Assert.Equal(64UL << 20, message.Memory.UsageLimit);
        Assert.Equal(128UL << 20, message.Memory.SwapLimit);
        Assert.Equal(9UL, message.Memory.WorkingsetRefault);
        Assert.Equal(42UL, message.Memory.Pgfault);
        Assert.Equal(new V2.MemoryEvents { Max = 7, Oom = 2, OomKill = 1 }, message.MemoryEvents);
        Assert.Equal(
            [
                new V2.IOEntry { Major = 8, Minor = 0, Rbytes = 4096, Wbytes = 512, Rios = 2, Wios = 1 },
                new V2.IOEntry { Major = 253, Minor = 1, Rbytes = 1 },
            ],
            message.Io.Usage);
    }

    [Fact]
    public void Pack_PidsOnly_WritesTheFieldNumbersOfContainerdsProtos()
    {
        var pids = new PidsMetrics(3, 10);

        // v1 Metrics.pids is field 2, v2 Metrics.pids is field 1; PidsStat is current = 1, limit = 2.
        var v1 = CgroupMetricsConverter.ToAny(new CgroupMetrics(CgroupVersion.V1) { Pids = pids });
        var v2 = CgroupMetricsConverter.ToAny(new CgroupMetrics(CgroupVersion.V2) { Pids = pids });

        Assert.Equal(new byte[] { 0x12, 0x04, 0x08, 0x03, 0x10, 0x0a }, v1.Value.ToByteArray());
        Assert.Equal(new byte[] { 0x0a, 0x04, 0x08, 0x03, 0x10, 0x0a }, v2.Value.ToByteArray());
    }

    [Fact]
    public async Task ToAny_OwnCgroupReading_DecodesAsTheHostsVersion()
    {
        var system = CgroupSystem.Load();
        Assert.SkipWhen(system.Layout == CgroupLayout.Unavailable, "no cgroup hierarchy is mounted");
        var reading = await system.OpenForProcess(Environment.ProcessId).ReadMetricsAsync(TestContext.Current.CancellationToken);

        var any = CgroupMetricsConverter.ToAny(reading);

        IMessage message = system.Version == CgroupVersion.V1 ? V1.Metrics.Parser.ParseFrom(any.Value) : V2.Metrics.Parser.ParseFrom(any.Value);
        Assert.Equal(message.Descriptor.FullName, any.TypeUrl);
        Assert.Equal($"io.containerd.cgroups.v{(int)system.Version}.Metrics", any.TypeUrl);
        if (message is V1.Metrics v1)
        {
            Assert.True(v1.Memory.Usage.Usage > 0, "this test process uses memory");
            Assert.True(v1.Cpu.Usage.Total > 0, "and CPU");
        }
    }
}
