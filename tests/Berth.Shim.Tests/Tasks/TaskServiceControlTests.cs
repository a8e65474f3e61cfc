using Berth.Core.Errors;
using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;
using Containerd.Events;
using Containerd.Task.V2;
using Containerd.Types;

namespace Berth.Shim.Tests.Tasks;

/// <summary>Pause and resume, delete and its clean-up, events, the terminal.</summary>
public sealed class TaskServiceControlTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    [Fact]
    public async Task PauseResume_RunningContainer_StateFollowsAndEventsArePublished()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.StartContainerAsync(id, ["sleep", "300"], ct);

        await _shim.Service.PauseAsync(new PauseRequest { Id = id }, ct);
        var paused = await _shim.Service.StateAsync(new StateRequest { Id = id }, ct);
        var runtimePaused = await _shim.Runtime().StateAsync(id, ct);
        await Assert.ThrowsAsync<FailedPreconditionException>(() => _shim.Service.PauseAsync(new PauseRequest { Id = id }, ct));
        await _shim.Service.ResumeAsync(new ResumeRequest { Id = id }, ct);
        var resumed = await _shim.Service.StateAsync(new StateRequest { Id = id }, ct);

        Assert.Equal(Containerd.V1.Types.Status.Paused, paused.Status);
        Assert.Equal("paused", runtimePaused.Status);
        Assert.Equal(Containerd.V1.Types.Status.Running, resumed.Status);
        await _shim.Events.WaitForAsync("/tasks/resumed");
        Assert.Equal(["/tasks/create", "/tasks/start", "/tasks/paused", "/tasks/resumed"], _shim.Events.Topics);
    }

    [Fact]
    public async Task Delete_OverlayRootfsAfterExit_RuntimeForgetsItAndRootfsIsUnmounted()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc, mount)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sh", "-c", "echo changed > /bin/new; exit 5"], withRootfs: false);
        string lower = ShimHarness.MakeBusyboxTree(_shim.Temp.Combine("lower"));
        string upper = Directory.CreateDirectory(_shim.Temp.Combine("upper")).FullName;
        string work = Directory.CreateDirectory(_shim.Temp.Combine("work")).FullName;
        var request = ShimHarness.CreateRequest(id, bundle);
        request.Rootfs.Add(new Mount { Type = "overlay", Source = "overlay", Options = { $"lowerdir={lower}", $"upperdir={upper}", $"workdir={work}" } });
        // runc spec makes the root read-only; the overlay is written to.
        string config = Path.Combine(bundle, "config.json");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"readonly\":true", "\"readonly\":false", StringComparison.Ordinal));

        await _shim.Service.CreateAsync(request, ct);
        Assert.True(File.Exists(Path.Combine(bundle, "rootfs", "bin", "busybox")));
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        var deleted = await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);

        Assert.Equal(5u, deleted.ExitStatus);
        Assert.True(File.Exists(Path.Combine(upper, "bin", "new")));
        Assert.False(File.Exists(Path.Combine(bundle, "rootfs", "bin", "busybox")));
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(Path.Combine(bundle, "rootfs"), StringComparison.Ordinal));
        await Assert.ThrowsAsync<NotFoundException>(() => _shim.Runtime().StateAsync(id, ct));
        await Assert.ThrowsAsync<NotFoundException>(() => _shim.Service.StateAsync(new StateRequest { Id = id }, ct));
        await _shim.Events.WaitForAsync("/tasks/delete");
        Assert.Equal(["/tasks/create", "/tasks/start", "/tasks/exit", "/tasks/delete"], _shim.Events.Topics);
        var exit = Assert.Single(_shim.Events.Of<TaskExit>());
        Assert.Equal((id, id, 5u), (exit.ContainerId, exit.Id, exit.ExitStatus));
        Assert.Equal(5u, Assert.Single(_shim.Events.Of<TaskDelete>()).ExitStatus);
    }

    [Fact]
    public async Task Terminal_ResizedBeforeStart_ProcessSeesAPtyOfThatSize()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sh", "-c", "tty; stty size"], terminal: true);
        using var stdout = _shim.Fifo("tty");

        await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle, stdout, terminal: true), ct);
        await _shim.Service.ResizePtyAsync(new ResizePtyRequest { Id = id, Width = 100, Height = 40 }, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);

        Assert.Equal(0u, waited.ExitStatus);
        string[] lines = stdout.ReadAvailable().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("/dev/pts/", lines[0], StringComparison.Ordinal);
        Assert.Equal("40 100", lines[1]);
    }

    [Fact]
    public async Task ResizePty_RunningTerminal_SttySizeChanges()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sh", "-c", "while true; do stty size; sleep 0.1; done"], terminal: true);
        using var stdout = _shim.Fifo("tty");
        await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle, stdout, terminal: true), ct);
        await _shim.Service.ResizePtyAsync(new ResizePtyRequest { Id = id, Width = 80, Height = 24 }, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        await stdout.WaitForAsync("24 80");

        await _shim.Service.ResizePtyAsync(new ResizePtyRequest { Id = id, Width = 132, Height = 50 }, ct);

        await stdout.WaitForAsync("50 132");
        await _shim.Service.KillAsync(new KillRequest { Id = id, Signal = 9 }, ct);
        Assert.Equal(137u, (await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct)).ExitStatus);
    }

    [Fact]
    public async Task Shutdown_ContainerLeft_IsIgnoredUntilDeleted()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["true"]);
        await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle), ct);

        await _shim.Service.ShutdownAsync(new ShutdownRequest { Id = id }, ct);
        bool whileCreated = _shim.Service.ShutdownRequested.IsCancellationRequested;
        var connected = await _shim.Service.ConnectAsync(new ConnectRequest { Id = id }, ct);
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);
        await _shim.Service.ShutdownAsync(new ShutdownRequest { Id = id }, ct);

        Assert.False(whileCreated);
        Assert.Equal((uint)Environment.ProcessId, connected.ShimPid);
        Assert.True(connected.TaskPid > 0);
        Assert.True(_shim.Service.ShutdownRequested.IsCancellationRequested);
        await _shim.Events.WaitForAsync("/tasks/delete");
        await Task.Delay(200, ct);
        // Deleted before it started: no exit to report (containerd's deleted state).
        Assert.Equal(["/tasks/create", "/tasks/delete"], _shim.Events.Topics);
    }
}
