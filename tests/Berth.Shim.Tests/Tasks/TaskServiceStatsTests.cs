using System.Text.Json.Nodes;
using Berth.Core.Errors;
using Berth.Linux.Cgroups;
using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;
using Containerd.Events;
using Containerd.Task.V2;
using V1 = Io.Containerd.Cgroups.V1;
using V2 = Io.Containerd.Cgroups.V2;

namespace Berth.Shim.Tests.Tasks;

/// <summary>Stats from the container's cgroup and /tasks/oom, with real runc.</summary>
public sealed class TaskServiceStatsTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    [Fact]
    public async Task Stats_RunningContainer_ReturnsTheHostsMetricsWithPidsAndMemory()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.StartContainerAsync(id, ["sleep", "300"], ct);

        var stats = (await _shim.Service.StatsAsync(new StatsRequest { Id = id }, ct)).Stats;

        if (CgroupSystem.Load().Version == CgroupVersion.V1)
        {
            Assert.Equal("io.containerd.cgroups.v1.Metrics", stats.TypeUrl);
            var metrics = V1.Metrics.Parser.ParseFrom(stats.Value);
            Assert.True(metrics.Pids.Current >= 1, $"pids.current is {metrics.Pids.Current}");
            Assert.True(metrics.Memory.Usage.Usage > 0, "memory usage is 0");
            Assert.NotNull(metrics.Cpu.Usage);
        }
        else
        {
            Assert.Equal("io.containerd.cgroups.v2.Metrics", stats.TypeUrl);
            var metrics = V2.Metrics.Parser.ParseFrom(stats.Value);
            Assert.True(metrics.Pids.Current >= 1, $"pids.current is {metrics.Pids.Current}");
            Assert.True(metrics.Memory.Usage > 0, "memory usage is 0");
        }
    }

    [Fact]
    public async Task Stats_UnknownId_FailsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _shim.Service.StatsAsync(new StatsRequest { Id = "no-such-task" }, ct));

        Assert.Contains("no-such-task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_AfterDelete_FailsNotFound()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.StartContainerAsync(id, ["true"], ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);

        await Assert.ThrowsAsync<NotFoundException>(() => _shim.Service.StatsAsync(new StatsRequest { Id = id }, ct));
    }

    [Fact]
    public async Task Start_MemoryHogOverItsLimit_PublishesTaskOomBeforeDelete()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        // dd's 64 MiB block cannot fit in 16 MiB, and this host has no swap to push it to.
        string bundle = await _shim.MakeBundleAsync(id, ["/bin/busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"]);
        LimitMemory(bundle, 16 * 1024 * 1024);
        await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle), ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);

        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        await _shim.Events.WaitForAsync("/tasks/oom");
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);
        await _shim.Events.WaitForAsync("/tasks/delete");

        Assert.Equal(137u, waited.ExitStatus);
        Assert.Equal(id, Assert.Single(_shim.Events.Of<TaskOOM>()).ContainerId);
        var topics = _shim.Events.Topics.ToList();
        Assert.True(topics.IndexOf("/tasks/oom") < topics.IndexOf("/tasks/delete"), string.Join(", ", topics));
    }

    [Fact]
    public async Task Start_ContainerWithinItsLimit_PublishesNoOom()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["/bin/busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=1M", "count=4"]);
        LimitMemory(bundle, 16 * 1024 * 1024);
        await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle), ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);

        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);
        await _shim.Events.WaitForAsync("/tasks/delete");

        Assert.Equal(0u, waited.ExitStatus);
        Assert.Equal(["/tasks/create", "/tasks/start", "/tasks/exit", "/tasks/delete"], _shim.Events.Topics);
    }

    private static void LimitMemory(string bundle, long bytes)
    {
        string path = Path.Combine(bundle, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var linux = config["linux"]!.AsObject();
        var resources = linux["resources"]?.AsObject() ?? [];
        resources["memory"] = new JsonObject { ["limit"] = bytes };
        linux["resources"] = resources;
        File.WriteAllText(path, config.ToJsonString());
    }
}
