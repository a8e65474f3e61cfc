using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;
using Containerd.Task.V2;

namespace Berth.Shim.Tests.Tasks;

/// <summary>Create, start, output and exit codes with real runc.</summary>
public sealed class TaskServiceRunTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    [Fact]
    public async Task Start_EchoHi_StdoutFifoGetsHiAndWaitReturnsZero()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["echo", "hi"]);
        using var stdout = _shim.Fifo("stdout");
        using var stderr = _shim.Fifo("stderr");
        var ct = TestContext.Current.CancellationToken;

        var created = await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle, stdout, stderr), ct);
        var started = await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);

        Assert.True(created.Pid > 0);
        Assert.Equal(created.Pid, started.Pid);
        Assert.Equal(0u, waited.ExitStatus);
        // The exit is reported only once the output is copied: it is all there now.
        Assert.Equal("hi\n", stdout.ReadAvailable());
        Assert.True(waited.ExitedAt.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Wait_ShellExitsThree_ReturnsThreeAndStateStopped()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sh", "-c", "echo oops >&2; exit 3"]);
        using var stderr = _shim.Fifo("stderr");
        var ct = TestContext.Current.CancellationToken;

        await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle, stderr: stderr), ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        var state = await _shim.Service.StateAsync(new StateRequest { Id = id }, ct);

        Assert.Equal(3u, waited.ExitStatus);
        Assert.Equal("oops\n", stderr.ReadAvailable());
        Assert.Equal(Containerd.V1.Types.Status.Stopped, state.Status);
        Assert.Equal(3u, state.ExitStatus);
        Assert.Equal(waited.ExitedAt, state.ExitedAt);
    }

    [Fact]
    public async Task Start_FileOutput_AppendsStdoutAndStderrToTheFile()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sh", "-c", "echo out; echo err >&2"]);
        string log = _shim.Temp.Combine("logs", "out.log");
        var ct = TestContext.Current.CancellationToken;

        await _shim.Service.CreateAsync(new CreateTaskRequest { Id = id, Bundle = bundle, Stdout = $"file://{log}", Stderr = $"file://{log}" }, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);

        string text = await File.ReadAllTextAsync(log, ct);
        Assert.Contains("out\n", text, StringComparison.Ordinal);
        Assert.Contains("err\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MissingExecutable_FailsWithTheRuntimesMessage()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["/no-such-binary"]);
        var ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAnyAsync<Core.Errors.BerthException>(() => _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle), ct));

        Assert.Contains("OCI runtime create failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-binary", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Core.Errors.NotFoundException>(() => _shim.Service.StateAsync(new StateRequest { Id = id }, ct));
    }
}
