using System.Text;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Engine;

/// <summary>
/// <c>exec</c> through the engine against the shared berthd and runc: the container's settings with the exec's
/// environment, folder and user over them, output by stream, the exit code, stdin, and the refusals (a stopped
/// container, a command that is not there).
/// </summary>
public sealed class EngineExecTests(EngineFixture engine)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exec_RunsInTheContainer_WithItsOwnEnvFolderAndUser_AndGivesItsExitCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("sleep 300") with { Spec = new ContainerSpecOptions { Command = ["sleep", "300"], Env = ["KEPT=yes"] } }, Ct);
        await client.Engine.StartAsync(created.Id, Ct);
        try
        {
            await using var session = await client.Engine.ExecAsync(created.Id,
                new ExecRequest(["sh", "-c", "echo $KEPT $FOO; pwd; id -u; echo err >&2; exit 4"]) { Env = ["FOO=bar"], WorkingDir = "/tmp", User = "1000" }, Ct);
            Assert.Matches("^[0-9a-f]{64}$", session.ExecId);
            var (stdout, stderr) = await ReadAllAsync(session);
            Assert.Equal(("yes bar\n/tmp\n1000\n", "err\n"), (stdout, stderr));
            Assert.Equal(4, await session.WaitAsync(Ct));

            await using var cat = await client.Engine.ExecAsync(created.Id, new ExecRequest(["cat"]) { Stdin = true }, Ct);
            await cat.WriteInputAsync(Encoding.UTF8.GetBytes("piped\n"), Ct);
            await cat.CloseInputAsync(Ct);
            Assert.Equal(("piped\n", ""), await ReadAllAsync(cat));
            Assert.Equal(0, await cat.WaitAsync(Ct));

            var missing = await Assert.ThrowsAnyAsync<BerthException>(async () => await client.Engine.ExecAsync(created.Id, new ExecRequest(["no-such-command"]), Ct));
            Assert.Contains("executable file not found", missing.Message);
        }
        finally
        {
            await client.Engine.RemoveAsync(created.Id, force: true, cancellationToken: CancellationToken.None);
        }
    }

    [Fact]
    public async Task Exec_InAStoppedContainer_IsRefused()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("true"), Ct);
        var refused = await Assert.ThrowsAsync<FailedPreconditionException>(async () => await client.Engine.ExecAsync(created.Id, new ExecRequest(["true"]), Ct));
        Assert.Equal($"Container {created.Id} is not running", refused.Message);
        await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct);
    }

    private static async Task<(string Stdout, string Stderr)> ReadAllAsync(IExecSession session)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        await foreach (var chunk in session.ReadOutputAsync(Ct))
        {
            (chunk.Stream == LogStream.Stdout ? stdout : stderr).Append(Encoding.UTF8.GetString(chunk.Data.Span));
        }

        return (stdout.ToString(), stderr.ToString());
    }

    private ContainerCreate Request(string script)
        => new(engine.BusyboxRef) { Spec = new ContainerSpecOptions { Command = ["sh", "-c", script] } };
}
