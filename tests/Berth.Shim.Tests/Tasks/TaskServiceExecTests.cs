using Berth.Core.Errors;
using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;
using Containerd.Runc.V1;
using Containerd.Task.V2;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Shim.Tests.Tasks;

/// <summary>Exec processes, kill and pids in a running container.</summary>
public sealed class TaskServiceExecTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    private async Task<string> StartSleeperAsync(CancellationToken ct)
    {
        string id = _shim.NewId();
        string bundle = await _shim.StartContainerAsync(id, ["sleep", "300"], ct);
        return id;
    }

    private static ExecProcessRequest Exec(string id, string execId, FifoReader? stdout, params string[] args) => new()
    {
        Id = id,
        ExecId = execId,
        Stdout = stdout?.Path ?? "",
        Spec = new Any
        {
            TypeUrl = "types.containerd.io/opencontainers/runtime-spec/1/Process",
            Value = ByteString.CopyFromUtf8(
                "{\"args\":[" + string.Join(',', args.Select(a => $"\"{a}\"")) + "],\"cwd\":\"/\",\"env\":[\"PATH=/bin\"],\"user\":{\"uid\":0,\"gid\":0}}"),
        },
    };

    [Fact]
    public async Task Exec_EchoInRunningContainer_PrintsAndExitsZero()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = await StartSleeperAsync(ct);
        using var stdout = _shim.Fifo("exec-stdout");

        await _shim.Service.ExecAsync(Exec(id, "x1", stdout, "echo", "x"), ct);
        var created = await _shim.Service.StateAsync(new StateRequest { Id = id, ExecId = "x1" }, ct);
        var started = await _shim.Service.StartAsync(new StartRequest { Id = id, ExecId = "x1" }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id, ExecId = "x1" }, ct);
        var deleted = await _shim.Service.DeleteAsync(new DeleteRequest { Id = id, ExecId = "x1" }, ct);

        Assert.Equal(Containerd.V1.Types.Status.Created, created.Status);
        Assert.Equal(0u, waited.ExitStatus);
        Assert.Equal("x\n", stdout.ReadAvailable());
        Assert.Equal(started.Pid, deleted.Pid);
        await Assert.ThrowsAsync<NotFoundException>(() => _shim.Service.StateAsync(new StateRequest { Id = id, ExecId = "x1" }, ct));
        var init = await _shim.Service.StateAsync(new StateRequest { Id = id }, ct);
        Assert.Equal(Containerd.V1.Types.Status.Running, init.Status);
    }

    [Fact]
    public async Task Exec_SameIdTwice_AlreadyExists()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = await StartSleeperAsync(ct);

        await _shim.Service.ExecAsync(Exec(id, "dup", null, "true"), ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => _shim.Service.ExecAsync(Exec(id, "dup", null, "true"), ct));
    }

    [Fact]
    public async Task Kill_SigtermOnExecSleep_WaitReports143AndKillAgainIsNotFound()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = await StartSleeperAsync(ct);
        // Not the container's pid 1: the kernel drops signals pid 1 has no handler for.
        await _shim.Service.ExecAsync(Exec(id, "s", null, "sleep", "300"), ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id, ExecId = "s" }, ct);

        await _shim.Service.KillAsync(new KillRequest { Id = id, ExecId = "s", Signal = 15 }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id, ExecId = "s" }, ct);

        // As containerd's reaper reports it: 128 + the signal.
        Assert.Equal(143u, waited.ExitStatus);
        var again = await Assert.ThrowsAsync<NotFoundException>(() => _shim.Service.KillAsync(new KillRequest { Id = id, ExecId = "s", Signal = 15 }, ct));
        Assert.Contains("process already finished", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_SigkillOnInit_WaitReports137AndKillAgainIsNotFound()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = await StartSleeperAsync(ct);

        await _shim.Service.KillAsync(new KillRequest { Id = id, Signal = 9 }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);

        Assert.Equal(137u, waited.ExitStatus);
        var again = await Assert.ThrowsAsync<NotFoundException>(() => _shim.Service.KillAsync(new KillRequest { Id = id, Signal = 9 }, ct));
        Assert.Contains("process already finished", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_ExitedExec_NotFoundProcessAlreadyFinished()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = await StartSleeperAsync(ct);
        await _shim.Service.ExecAsync(Exec(id, "t", null, "true"), ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id, ExecId = "t" }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id, ExecId = "t" }, ct);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => _shim.Service.KillAsync(new KillRequest { Id = id, ExecId = "t", Signal = 9 }, ct));

        Assert.Contains("process already finished", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pids_RunningContainerWithExec_ListsBothAndNamesTheExec()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = await StartSleeperAsync(ct);
        await _shim.Service.ExecAsync(Exec(id, "s2", null, "sleep", "300"), ct);
        var exec = await _shim.Service.StartAsync(new StartRequest { Id = id, ExecId = "s2" }, ct);
        var init = await _shim.Service.StateAsync(new StateRequest { Id = id }, ct);

        var pids = await _shim.Service.PidsAsync(new PidsRequest { Id = id }, ct);

        Assert.Contains(pids.Processes, p => p.Pid == init.Pid && p.Info is null);
        var execInfo = Assert.Single(pids.Processes, p => p.Pid == exec.Pid);
        Assert.Equal("containerd.runc.v1.ProcessDetails", execInfo.Info.TypeUrl);
        Assert.Equal("s2", ProcessDetails.Parser.ParseFrom(execInfo.Info.Value).ExecId);
        await _shim.Service.KillAsync(new KillRequest { Id = id, ExecId = "s2", Signal = 9 }, ct);
        Assert.Equal(137u, (await _shim.Service.WaitAsync(new WaitRequest { Id = id, ExecId = "s2" }, ct)).ExitStatus);
    }

    [Fact]
    public async Task Start_RunningProcess_FailedPreconditionAndDeleteRunningFails()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = await StartSleeperAsync(ct);

        await Assert.ThrowsAsync<FailedPreconditionException>(() => _shim.Service.StartAsync(new StartRequest { Id = id }, ct));
        await Assert.ThrowsAsync<FailedPreconditionException>(() => _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct));
    }
}
