using Berth.Integration.Tests.Infrastructure;
using Grpc.Core;

namespace Berth.Integration.Tests.Daemon;

/// <summary>berthd's own behaviour: start, refusal of a second daemon, clean stop, the socket, the config.</summary>
public sealed class DaemonLifecycleTests
{
    [Fact]
    public async Task SecondDaemon_SameRoot_IsRefusedWithAClearMessage()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var first = await BerthDaemon.StartNewAsync();
        var second = await ProcessRunner.RunAsync(BerthBinaries.Daemon,
            ["--root", first.Root, "--state", first.State + "-2", "--address", first.State + "-2/berthd.sock"], TimeSpan.FromSeconds(30));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"another berthd (pid {first.Pid}) is already running with root {first.Root}", second.Stderr, StringComparison.Ordinal);
        await using var client = first.Connect();
        await client.VersionAsync(); // the first one is unharmed
    }

    [Fact]
    public async Task Sigterm_StopsCleanlyAndRemovesTheSocket()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        Assert.Equal(0, await daemon.StopAsync());
        Assert.False(File.Exists(daemon.Address));
        Assert.False(File.Exists(Path.Combine(daemon.State, "berthd.pid")));
        Assert.Contains("level=info msg=\"stopping berthd\"", daemon.Log, StringComparison.Ordinal);
        await daemon.StartAsync(); // the root lock was released
    }

    [Fact]
    public async Task Socket_IsMode0660()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite,
            File.GetUnixFileMode(daemon.Address));
    }

    [Fact]
    public async Task StaleSocket_FromAKilledDaemon_IsReplaced()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        await daemon.KillAsync();
        Assert.True(File.Exists(daemon.Address));
        await daemon.StartAsync();
    }

    [Fact]
    public async Task ConfigDefault_IsValidConfigThatTheDaemonAccepts()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var printed = await ProcessRunner.RunAsync(BerthBinaries.Daemon, ["config", "default"]);
        Assert.Equal(0, printed.ExitCode);
        Assert.Contains("root = \"/var/lib/berth\"", printed.Stdout, StringComparison.Ordinal);
        Assert.Contains("address = \"/run/berth/berthd.sock\"", printed.Stdout, StringComparison.Ordinal);
        // The printed defaults, with the native snapshotter turned off, are taken as given; flags still win for paths.
        string config = printed.Stdout.Replace("disabled_plugins = []", "disabled_plugins = [\"io.containerd.snapshotter.v1.native\"]",
            StringComparison.Ordinal);
        await using var daemon = await BerthDaemon.StartNewAsync(config);
        await using var client = daemon.Connect();
        var plugins = await client.PluginsAsync(["type==io.containerd.snapshotter.v1"]);
        Assert.Equal(["overlayfs"], plugins.Select(p => p.Id));
    }

    [Fact]
    public async Task Config_WithAnUnknownKey_IsRefusedNamingIt()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = new BerthDaemon("root = \"/tmp/x\"\nsnapshoter = \"native\"\n");
        var result = await ProcessRunner.RunAsync(BerthBinaries.Daemon, daemon.Arguments, TimeSpan.FromSeconds(30));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown key \"snapshoter\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithoutNamespace_IsInvalidArgument()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var daemon = await BerthDaemon.StartNewAsync();
        using var channel = RawGrpc.Channel(daemon.Address);
        var images = new Containerd.Services.Images.V1.Images.ImagesClient(channel);
        var missing = await Assert.ThrowsAsync<RpcException>(() => images.ListAsync(new()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        Assert.Contains("namespace is required", missing.Status.Detail, StringComparison.Ordinal);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => images.ListAsync(new(), RawGrpc.Namespace("bad/ns")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
    }
}
