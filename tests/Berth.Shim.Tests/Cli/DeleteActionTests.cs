using Berth.Core.Errors;
using Berth.Linux;
using Berth.Shim.Cli;
using Berth.Shim.Reaping;
using Berth.Shim.Tasks;
using Berth.Shim.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Shim.Tests.Cli;

public sealed class DeleteActionTests : IAsyncDisposable
{
    private readonly ShimHarness _shim = new();

    public ValueTask DisposeAsync() => _shim.DisposeAsync();

    [Fact]
    public async Task Run_ContainerLeftByADeadShim_RuntimeForgetsItAndAnswers137WithItsPid()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "requires root (runc)");
        var ct = TestContext.Current.CancellationToken;
        string id = _shim.NewId();
        string bundle = await _shim.MakeBundleAsync(id, ["sleep", "300"]);
        var created = await _shim.Service.CreateAsync(ShimHarness.CreateRequest(id, bundle), ct);
        var arguments = ShimArguments.Parse(["-namespace", ShimHarness.Namespace, "-id", id, "-bundle", bundle, "delete"]);
        var defaults = new TaskServiceOptions(ShimHarness.Namespace) { RuntimeRoot = _shim.Temp.Combine("state") };

        var response = await DeleteAction.RunAsync(arguments, defaults, Reaper.Default, LinuxSyscalls.Instance, ct);

        Assert.Equal(created.Pid, response.Pid);
        Assert.Equal(137u, response.ExitStatus);
        await Assert.ThrowsAsync<NotFoundException>(() => _shim.Runtime().StateAsync(id, ct));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Run_SocketInTheAddressFile_RemovedOnlyWhenNothingListens(bool listening, bool kept)
    {
        var ct = TestContext.Current.CancellationToken;
        string bundle = _shim.Temp.Combine("bundle-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(bundle);
        string socket = _shim.Temp.Combine("s-" + Guid.NewGuid().ToString("N")[..8]);
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
        if (listening)
        {
            listener.Listen();
        }

        await File.WriteAllTextAsync(Path.Join(bundle, "address"), "unix://" + socket, ct);
        var arguments = ShimArguments.Parse(["-namespace", ShimHarness.Namespace, "-id", "gone", "-bundle", bundle, "delete"]);
        var defaults = new TaskServiceOptions(ShimHarness.Namespace) { RuntimeRoot = _shim.Temp.Combine("state"), DefaultRuntime = "/bin/false" };

        var response = await DeleteAction.RunAsync(arguments, defaults, Reaper.Default, LinuxSyscalls.Instance, ct);

        Assert.Equal(137u, response.ExitStatus);
        Assert.Equal(kept, File.Exists(socket));
    }
}
