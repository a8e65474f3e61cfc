using Berth.Core.Errors;
using Berth.Linux;
using Berth.Runtime.Bundles;
using Berth.Runtime.Shims;
using Berth.Testing;
using Containerd.Task.V2;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Runtime.Tests.Shims;

/// <summary>The start and delete actions, against Debian's containerd-shim-runc-v2 (a shim nobody here wrote).</summary>
public sealed class ShimCommandTests : IDisposable
{
    private const string RuncShim = "/usr/bin/containerd-shim-runc-v2";
    private readonly TempDirectory _temp = new("shim-cmd");

    public void Dispose() => _temp.Dispose();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_RuncShim_PrintsItsAddressWritesItsFilesAndDeleteReportsTheKill()
    {
        Assert.SkipUnless(TestEnvironment.IsRoot && File.Exists(RuncShim), "needs root and containerd-shim-runc-v2");
        string id = $"cmd-{Guid.NewGuid():N}"[..20];
        var bundle = TaskBundle.Create(_temp.Combine("tasks"), "shimtest", id, "{\"ociVersion\":\"1.0.2\"}"u8);
        var shim = new ShimInvocation(RuncShim, "shimtest", id, bundle.Path, _temp.Combine("berthd.sock"),
            _temp.Combine("berthd.sock.ttrpc"), "/bin/false");
        string? socket = null;
        int? pid = null;
        using var log = ShimLog.Open(bundle.Path, "shimtest", id, LinuxSyscalls.Instance, NullLogger.Instance);
        try
        {
            string address = await ShimCommand.StartAsync(shim, ReadOnlyMemory<byte>.Empty, Token);

            Assert.StartsWith("unix:///", address, StringComparison.Ordinal);
            socket = Berth.Ttrpc.TtrpcAddress.ToPath(address);
            Assert.Equal(address, bundle.ReadAddress());
            await using (var connection = await new TtrpcShimConnector().ConnectAsync(address, "shimtest", Token))
            {
                pid = (int)(await connection.Api.ConnectAsync(new ConnectRequest { Id = id }, Token)).ShimPid;
            }

            Assert.True(Directory.Exists($"/proc/{pid}"), "the shim keeps running after start returns and answers over ttrpc");

            // As a dead shim leaves it: killed, with the runtime name its Create would have written.
            KillAndReap(pid.Value);
            File.WriteAllText(Path.Join(bundle.Path, "runtime"), "runc");
            var exit = await ShimCommand.DeleteAsync(shim, Token);
            Assert.Equal(128u + 9, exit.ExitStatus);
        }
        finally
        {
            if (pid is { } p)
            {
                KillAndReap(p);
            }

            if (socket is not null)
            {
                File.Delete(socket);
            }
        }
    }

    [Fact]
    public async Task Start_MissingBinary_IsNotFoundNamingIt()
    {
        var bundle = TaskBundle.Create(_temp.Combine("tasks"), "shimtest", "nobinary", "{}"u8);
        var shim = new ShimInvocation("/nonexistent/berth-shim", "shimtest", "nobinary", bundle.Path, "/x.sock", "/x.sock.ttrpc", "/bin/false");

        var error = await Assert.ThrowsAsync<NotFoundException>(() => ShimCommand.StartAsync(shim, ReadOnlyMemory<byte>.Empty, Token));
        Assert.Contains("/nonexistent/berth-shim", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShimThatFails_IsUnavailableWithWhatItPrinted()
    {
        var bundle = TaskBundle.Create(_temp.Combine("tasks"), "shimtest", "failing", "{}"u8);
        string script = _temp.Combine("failing-shim");
        File.WriteAllText(script, "#!/bin/sh\necho \"cannot start: $*\" >&2\nexit 3\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var shim = new ShimInvocation(script, "shimtest", "failing", bundle.Path, "/x.sock", "/x.sock.ttrpc", "/bin/false");

        var error = await Assert.ThrowsAsync<UnavailableException>(() => ShimCommand.StartAsync(shim, ReadOnlyMemory<byte>.Empty, Token));
        Assert.Contains("exit 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot start: -namespace shimtest -address /x.sock -publish-binary /bin/false -id failing start", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unix:///run/containerd/s/abc", "unix:///run/containerd/s/abc")]
    [InlineData("{\"version\":3,\"address\":\"unix:///run/s.sock\",\"protocol\":\"ttrpc\"}", "unix:///run/s.sock")]
    public void ParseAddress_PlainOrBootstrapJson_GivesTheAddress(string output, string expected)
        => Assert.Equal(expected, ShimCommand.ParseAddress(output));

    private static void KillAndReap(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(5000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }
}
