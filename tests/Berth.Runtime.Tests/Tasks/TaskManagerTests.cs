using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Core.Tasks;
using TaskExit = Containerd.Events.TaskExit;

namespace Berth.Runtime.Tests.Tasks;

public sealed class TaskManagerTests : IAsyncLifetime
{
    private readonly TaskManagerFixture _fixture = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    private static TaskCreate Create(string id) => new(id, [new Mount("bind", "/srv/rootfs", ["rbind", "ro"])],
        new ProcessIo(string.Empty, "/run/fifo-out", "/run/fifo-err", false));

    [Fact]
    public async Task Create_WritesTheBundleStartsTheShimAndCreatesTheTaskInIt()
    {
        _fixture.Scope.Add("web", spec: "{\"ociVersion\":\"1.0.2\",\"hostname\":\"web\"}");

        var state = await _fixture.Manager.CreateAsync(_fixture.Scope, Create("web"), Token);

        Assert.Equal(("web", 42u, ProcessStatus.Created), (state.ContainerId, state.Pid, state.Status));
        string bundle = Path.Join(_fixture.TasksRoot, "ns1", "web");
        Assert.Equal("{\"ociVersion\":\"1.0.2\",\"hostname\":\"web\"}", File.ReadAllText(Path.Join(bundle, "config.json")));
        Assert.Equal(_fixture.Script, File.ReadAllText(Path.Join(bundle, "shim-binary-path")));
        var shim = _fixture.Connector.Shims["unix:///fake/web"];
        Assert.Equal(bundle, shim.Created!.Bundle);
        Assert.Equal(("bind", "/srv/rootfs", "/run/fifo-out"), (shim.Created.Rootfs[0].Type, shim.Created.Rootfs[0].Source, shim.Created.Stdout));
        await Assert.ThrowsAsync<AlreadyExistsException>(() => _fixture.Manager.CreateAsync(_fixture.Scope, Create("web"), Token).AsTask());
    }

    [Fact]
    public async Task Create_UnknownContainer_IsNotFoundAndLeavesNoBundle()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Manager.CreateAsync(_fixture.Scope, Create("ghost"), Token).AsTask());
        Assert.False(Directory.Exists(Path.Join(_fixture.TasksRoot, "ns1", "ghost")));
    }

    [Fact]
    public async Task Create_ShimRefusesTheTask_ShimShutDownAndCleanedUpBundleGone()
    {
        _fixture.Scope.Add("bad");
        _fixture.Connector.Shims["unix:///fake/bad"] = new FakeShim("unix:///fake/bad") { FailCreate = new InvalidArgumentException("runc: bad spec") };

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => _fixture.Manager.CreateAsync(_fixture.Scope, Create("bad"), Token).AsTask());

        Assert.Equal("runc: bad spec", error.Message);
        var shim = _fixture.Connector.Shims["unix:///fake/bad"];
        Assert.Equal(["create", "shutdown"], shim.Calls);
        Assert.True(shim.Disposed);
        Assert.Equal(["bad"], _fixture.DeletedByBinary);
        Assert.False(Directory.Exists(Path.Join(_fixture.TasksRoot, "ns1", "bad")));
    }

    [Fact]
    public async Task Delete_RunningTaskIsRefused_StoppedTaskGoesWithItsShimAndBundle()
    {
        _fixture.Scope.Add("job");
        await _fixture.Manager.CreateAsync(_fixture.Scope, Create("job"), Token);
        Assert.Equal(42u, await _fixture.Manager.StartAsync(_fixture.Scope, "job", string.Empty, Token));

        await Assert.ThrowsAsync<FailedPreconditionException>(() => _fixture.Manager.DeleteAsync(_fixture.Scope, "job", Token).AsTask());
        await _fixture.Manager.KillAsync(_fixture.Scope, "job", string.Empty, 9, all: false, Token);
        var exit = await _fixture.Manager.DeleteAsync(_fixture.Scope, "job", Token);

        Assert.Equal(("job", 42u, 137u, DateTimeOffset.UnixEpoch), (exit.Id, exit.Pid, exit.ExitStatus, exit.ExitedAt));
        Assert.Equal(["create", "start", "delete", "kill 9", "delete", "shutdown"], _fixture.Connector.Shims["unix:///fake/job"].Calls);
        Assert.False(Directory.Exists(Path.Join(_fixture.TasksRoot, "ns1", "job")));
        await Assert.ThrowsAsync<NotFoundException>(() => _fixture.Manager.GetAsync(_fixture.Scope, "job", string.Empty, Token).AsTask());
    }

    [Fact]
    public async Task ListAndMetrics_SeeOnlyTheScopesNamespace()
    {
        _fixture.Scope.Add("a");
        _fixture.Scope.Add("b");
        var other = new FakeScope("ns2");
        other.Add("c");
        foreach (var (scope, id) in new[] { (_fixture.Scope, "b"), (_fixture.Scope, "a"), (other, "c") })
        {
            await _fixture.Manager.CreateAsync(scope, Create(id), Token);
        }

        var listed = await _fixture.Manager.ListAsync(_fixture.Scope, Token).ToListAsync(Token);
        var metrics = await _fixture.Manager.MetricsAsync(_fixture.Scope, ["id==b"], Token);

        Assert.Equal(["a", "b"], listed.Select(p => p.ContainerId));
        Assert.Equal(["b"], metrics.Select(m => m.Id));
        Assert.Equal("io.containerd.cgroups.v1.Metrics", metrics[0].Data.TypeUrl);
    }

    [Fact]
    public async Task Recover_ReconnectsLiveShimsAndCleansUpDeadOnesWithTheirEvents()
    {
        _fixture.Scope.Add("alive");
        _fixture.Scope.Add("dead");
        await _fixture.Manager.CreateAsync(_fixture.Scope, Create("alive"), Token);
        await _fixture.Manager.CreateAsync(_fixture.Scope, Create("dead"), Token);
        _fixture.Connector.Dead.Add("unix:///fake/dead");

        var manager = await _fixture.RestartAsync();

        Assert.Equal(ProcessStatus.Created, (await manager.GetAsync(_fixture.Scope, "alive", string.Empty, Token)).Status);
        await Assert.ThrowsAsync<NotFoundException>(() => manager.GetAsync(_fixture.Scope, "dead", string.Empty, Token).AsTask());
        Assert.False(Directory.Exists(Path.Join(_fixture.TasksRoot, "ns1", "dead")));
        Assert.Equal(["dead"], _fixture.DeletedByBinary);
        Assert.Equal(["/tasks/exit", "/tasks/delete"], _fixture.Events.Published.Select(e => e.Topic));
        var exited = TaskExit.Parser.ParseFrom(_fixture.Events.Published[0].Payload.Value.Span);
        Assert.Equal(("dead", "containerd.events.TaskExit"), (exited.ContainerId, _fixture.Events.Published[0].Payload.TypeUrl));
    }
}
