using Berth.Testing;
using Berth.Ttrpc.Tasks;
using Berth.Ttrpc.Tests.Tasks;

namespace Berth.Ttrpc.Tests.Interop;

/// <summary>Our server against a Go ttrpc client: ctr 1.6's `shim` command, which dials the socket a shim would have.</summary>
public sealed class CtrShimInteropTests
{
    private const string Ctr = "/usr/bin/ctr";

    [Fact]
    public async Task CtrShim_StateAndDelete_PrintWhatOurServiceAnswered()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "the shim socket folder is root's");
        Assert.SkipUnless(File.Exists(Ctr), "ctr is missing: apt-get install containerd");
        string suffix = ExternalProcess.Suffix();
        string ns = "berth-ttrpc-" + suffix, id = "ttrpc-" + suffix;
        using var dir = new TempDirectory("ctr");
        string grpcAddress = dir.Combine("containerd.sock");
        string socket = ExternalProcess.ShimSocketPath(grpcAddress, ns, id);
        Directory.CreateDirectory(Path.GetDirectoryName(socket)!);
        var fake = new FakeTaskService(id);
        string[] shim = ["--address", grpcAddress, "--namespace", ns, "shim", "--id", id];
        var server = new TtrpcServer();
        try
        {
            TaskServiceBinding.Register(server, fake);
            server.Listen(socket);

            var state = await ExternalProcess.RunAsync(Ctr, [.. shim, "state"]);
            var deleted = await ExternalProcess.RunAsync(Ctr, [.. shim, "delete", id]);
            var missing = await ExternalProcess.RunAsync(Ctr, [.. shim, "delete", "absent"]);

            Assert.True(state.ExitCode == 0, state.Stderr);
            Assert.Contains($"\"pid\": {FakeTaskService.TaskPid}", state.Stdout, StringComparison.Ordinal);
            Assert.Contains($"\"bundle\": \"/run/fake/bundle/{id}\"", state.Stdout, StringComparison.Ordinal);
            Assert.Contains("container deleted and returned exit status 3", deleted.Stdout, StringComparison.Ordinal);
            Assert.NotEqual(0, missing.ExitCode);
            Assert.Contains("NotFound", missing.Stderr, StringComparison.Ordinal);
            Assert.Contains("task absent: not found", missing.Stderr, StringComparison.Ordinal);
            Assert.Contains(fake.Requests, r => r.Method == "StateAsync" && ((Containerd.Task.V2.StateRequest)r.Request).Id == id);
        }
        finally
        {
            await server.DisposeAsync();
        }

        Assert.False(File.Exists(socket), $"{socket} is left behind");
    }
}
