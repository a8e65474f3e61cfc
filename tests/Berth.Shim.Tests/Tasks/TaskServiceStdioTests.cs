using Berth.Linux;
using Berth.Shim.Interop;
using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;
using Containerd.Task.V2;

namespace Berth.Shim.Tests.Tasks;

/// <summary>stdin and CloseIO, and a logging binary.</summary>
public sealed class TaskServiceStdioTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    [Fact]
    public async Task CloseIO_AfterClientWroteAndClosedStdin_CatSeesEofAndEchoes()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["cat"]);
        string stdinPath = _shim.Temp.Combine("stdin");
        LinuxSyscalls.Instance.MakeNode(stdinPath, FileKind.Fifo, 0b110_000_000, 0, 0);
        using var stdout = _shim.Fifo("stdout");
        // The client's writer, as ctr holds it: read-write so that the open does not wait for the shim.
        var clientStdin = FileDescriptor.Open(stdinPath, Libc.OReadWrite);
        var request = ShimHarness.CreateRequest(id, bundle, stdout);
        request.Stdin = stdinPath;

        await _shim.Service.CreateAsync(request, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        clientStdin.WriteAll("piped\n"u8);
        await stdout.WaitForAsync("piped\n");
        var stillRunning = await _shim.Service.StateAsync(new StateRequest { Id = id }, ct);
        clientStdin.Dispose();
        await _shim.Service.CloseIOAsync(new CloseIORequest { Id = id, Stdin = true }, ct);
        var waited = await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct).WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal(Containerd.V1.Types.Status.Running, stillRunning.Status);
        Assert.Equal(0u, waited.ExitStatus);
        Assert.Equal("piped\n", stdout.ReadAvailable());
    }

    [Fact]
    public async Task Start_BinaryLogger_ReceivesTheOutputOnDescriptor3()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["echo", "to-logger"]);
        string logged = _shim.Temp.Combine("logged.txt");
        string logger = _shim.Temp.Combine("logger.sh");
        // containerd's logger contract: close (or write to) descriptor 5 when ready, read stdout on 3.
        File.WriteAllText(logger, "#!/bin/sh\nexec 5>&-\nexec /bin/cat <&3 > \"$1\"\n");
        File.SetUnixFileMode(logger, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string uri = $"binary://{logger}?{logged}";

        await _shim.Service.CreateAsync(new CreateTaskRequest { Id = id, Bundle = bundle, Stdout = uri, Stderr = uri }, ct);
        await _shim.Service.StartAsync(new StartRequest { Id = id }, ct);
        await _shim.Service.WaitAsync(new WaitRequest { Id = id }, ct);
        await _shim.Service.DeleteAsync(new DeleteRequest { Id = id }, ct);

        Assert.Equal("to-logger\n", await File.ReadAllTextAsync(logged, ct));
    }
}
