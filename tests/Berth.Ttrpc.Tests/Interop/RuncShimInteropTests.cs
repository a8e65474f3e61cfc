using Berth.Core.Errors;
using Berth.Testing;
using Berth.Ttrpc.Tasks;
using Containerd.Task.V2;

namespace Berth.Ttrpc.Tests.Interop;

/// <summary>Our client against Debian's containerd-shim-runc-v2 (Go ttrpc server), started the way containerd 1.6 does.</summary>
public sealed class RuncShimInteropTests
{
    private const string ShimBinary = "/usr/bin/containerd-shim-runc-v2";

    [Fact]
    public async Task RuncShim_ConnectStateShutdown_AnswersMappedAndExits()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "the shim runs as root");
        Assert.SkipUnless(File.Exists(ShimBinary), "containerd-shim-runc-v2 is missing: apt-get install containerd");
        var ct = TestContext.Current.CancellationToken;
        string suffix = ExternalProcess.Suffix();
        string ns = "berth-ttrpc-" + suffix, id = "ttrpc-" + suffix;
        using var dir = new TempDirectory("shim");
        string bundle = dir.Combine(id);
        Directory.CreateDirectory(bundle);
        await File.WriteAllTextAsync(Path.Combine(bundle, "config.json"), "{}", ct);
        string grpcAddress = dir.Combine("containerd.sock");
        string socket = ExternalProcess.ShimSocketPath(grpcAddress, ns, id);
        var log = await ShimLogFifo.CreateAsync(Path.Combine(bundle, "log"));
        int shimPid = 0;
        try
        {
            var (code, stdout, stderr) = await ExternalProcess.RunAsync(ShimBinary,
                ["-namespace", ns, "-address", grpcAddress, "-publish-binary", "/usr/bin/containerd", "-id", id, "start"],
                bundle, new Dictionary<string, string> { ["TTRPC_ADDRESS"] = grpcAddress + ".ttrpc" });
            Assert.True(code == 0, $"shim start failed ({code}): {stdout} {stderr}");
            Assert.Equal("unix://" + socket, stdout.Trim());

            await using var client = await TtrpcClient.ConnectAsync(stdout.Trim(), ct);
            var tasks = new TaskClient(client, ns);
            var connected = await tasks.ConnectAsync(new ConnectRequest { Id = id }, ct);
            shimPid = (int)connected.ShimPid;
            Assert.Equal(ShimBinary, File.ResolveLinkTarget($"/proc/{shimPid}/exe", returnFinalTarget: false)?.FullName);
            var missing = await Assert.ThrowsAsync<NotFoundException>(() => tasks.StateAsync(new StateRequest { Id = "absent-" + suffix }, ct));
            try
            {
                await tasks.ShutdownAsync(new ShutdownRequest { Id = id }, ct);
            }
            catch (UnavailableException)
            {
                // The shim may exit before its answer leaves.
            }

            Assert.Equal(0u, connected.TaskPid);
            Assert.Contains("container not created", missing.Message, StringComparison.Ordinal);
            Assert.True(await ExternalProcess.WaitForExitAsync(shimPid, TimeSpan.FromSeconds(15)), $"the shim {shimPid} is still running:\n{log.Text}");
            await client.Closed.WaitAsync(TimeSpan.FromSeconds(5), ct);
            Assert.False(File.Exists(socket), $"the shim left its socket {socket} behind");
        }
        finally
        {
            foreach (int pid in ShimProcesses.Find(id).Append(shimPid).Where(p => p > 0 && ExternalProcess.IsAlive(p)))
            {
                ShimProcesses.Kill(pid);
            }

            File.Delete(socket);
            await log.DisposeAsync();
        }
    }
}
