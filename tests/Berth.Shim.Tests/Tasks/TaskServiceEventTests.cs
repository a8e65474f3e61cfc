using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;
using Containerd.Events;
using Containerd.Task.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Shim.Tests.Tasks;

/// <summary>The order of task events, and a second runtime.</summary>
public sealed class TaskServiceEventTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    [Fact]
    public async Task Events_ExecLifecycle_PublishedInOrder()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.StartContainerAsync(id, ["sleep", "300"], ct);
        var spec = new Any { TypeUrl = "types.containerd.io/opencontainers/runtime-spec/1/Process", Value = ByteString.CopyFromUtf8("""{"args":["true"],"cwd":"/","env":["PATH=/bin"],"user":{"uid":0,"gid":0}}""") };

        await _shim.Service.ExecAsync(new ExecProcessRequest { Id = id, ExecId = "e1", Spec = spec }, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id, ExecId = "e1" }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id, ExecId = "e1" }, ct);
        await _shim.Service.KillAsync(new KillRequest { Id = id, Signal = 9 }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);
        await _shim.Events.WaitForAsync("/tasks/delete");

        Assert.Equal(
            ["/tasks/create", "/tasks/start", "/tasks/exec-added", "/tasks/exec-started", "/tasks/exit", "/tasks/exit", "/tasks/delete"],
            _shim.Events.Topics);
        var exits = _shim.Events.Of<TaskExit>();
        Assert.Equal(("e1", 0u), (exits[0].Id, exits[0].ExitStatus));
        Assert.Equal((id, 137u), (exits[1].Id, exits[1].ExitStatus));
        Assert.Equal("e1", Assert.Single(_shim.Events.Of<TaskExecStarted>()).ExecId);
    }

    [Fact]
    public async Task Create_CrunBinaryOption_RunsEchoWithCrun()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (crun)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId("crun");
        string bundle = await _shim.MakeBundleAsync(id, ["echo", "from-crun"]);
        using var stdout = _shim.Fifo("crun");
        var request = ShimHarness.CreateRequest(id, bundle, stdout);
        request.Options = new Any { TypeUrl = "containerd.runc.v1.Options", Value = new Containerd.Runc.V1.Options { BinaryName = "crun" }.ToByteString() };

        // crun refuses a hybrid cgroup host while the v2 hierarchy offers a controller: what berthd does at start-up
        // (prepare_hybrid_cgroups), host-wide and idempotent.
        HybridControllers.BindToV1(CgroupSystem.Load(), LinuxSyscalls.Instance);

        await _shim.Service.CreateAsync(request, ct);

        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        Assert.Equal(0u, waited.ExitStatus);
        Assert.Equal("from-crun\n", stdout.ReadAvailable());
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);
    }
}
