using System.Text;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Engine;

/// <summary>
/// The engine's control of running containers against the shared berthd and runc: stop's grace and SIGKILL, kill by a
/// signal's name, stdin through an attachment (closed once with StdinOnce), a terminal's single stream, and an
/// on-failure restart policy counted out with its back-off.
/// </summary>
public sealed class EngineControlTests(EngineFixture engine)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stop_AProcessIgnoringTerm_IsKilledAfterTheGrace_AndAlwaysDoesNotBringItBack()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        // PID 1 without a handler ignores SIGTERM, so only the SIGKILL after the grace ends it.
        var created = await client.Engine.CreateAsync(Request("sleep 300") with { Restart = RestartPolicy.Parse("always"), StopTimeout = 1 }, Ct);
        await client.Engine.StartAsync(created.Id, Ct);
        Assert.Equal(ContainerStatus.Running, (await client.Engine.InspectAsync(created.Id, Ct)).State.Status);
        Assert.True((await client.Engine.InspectAsync(created.Id, Ct)).State.Pid > 0);

        await client.Engine.StopAsync(created.Id, cancellationToken: Ct);
        await Task.Delay(500, Ct);
        var stopped = await client.Engine.InspectAsync(created.Id, Ct);
        Assert.Equal((ContainerStatus.Exited, 137, 0), (stopped.State.Status, stopped.State.ExitCode, stopped.RestartCount));
        await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct);
    }

    [Fact]
    public async Task Kill_ByName_ReachesTheProcess_AndRemoveRefusesARunningContainerUnlessForced()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("trap 'echo got; exit 5' USR1; while true; do sleep 0.1; done"), Ct);
        await client.Engine.StartAsync(created.Id, Ct);
        var refused = await Assert.ThrowsAsync<FailedPreconditionException>(async () => await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct));
        Assert.StartsWith($"You cannot remove a running container {created.Id}.", refused.Message);

        var exited = client.Engine.WaitAsync(created.Id, WaitCondition.NextExit, Ct).AsTask();
        await Task.Delay(300, Ct);
        await client.Engine.KillAsync(created.Id, "SIGUSR1", Ct);
        Assert.Equal(5, (await exited).ExitCode);
        Assert.Equal(["got\n"], await client.Engine.LogsAsync(created.Id, new LogsRequest(), Ct).Select(e => e.Text).ToListAsync(Ct));

        var again = await client.Engine.CreateAsync(Request("sleep 300"), Ct);
        await client.Engine.StartAsync(again.Id, Ct);
        await client.Engine.RemoveAsync(again.Id, force: true, cancellationToken: Ct);
        await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.InspectAsync(again.Id, Ct));
        await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct);
    }

    [Fact]
    public async Task Stdin_WrittenThroughTheAttachment_ReachesTheProcess_AndClosingItEndsCat()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("cat; echo done") with { OpenStdin = true, StdinOnce = true }, Ct);
        await using var attachment = await client.Engine.AttachAsync(created.Id, new AttachStreams(true, true, true), Ct);
        await client.Engine.StartAsync(created.Id, Ct);
        await attachment.WriteInputAsync(Encoding.UTF8.GetBytes("hello\n"), Ct);
        await attachment.CloseInputAsync(Ct);
        var output = new StringBuilder();
        await foreach (var chunk in attachment.ReadOutputAsync(Ct))
        {
            output.Append(Encoding.UTF8.GetString(chunk.Data.Span));
        }

        Assert.Equal("hello\ndone\n", output.ToString());
        Assert.Equal(0, (await client.Engine.WaitAsync(created.Id, WaitCondition.NotRunning, Ct)).ExitCode);
        await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct);
    }

    [Fact]
    public async Task Tty_GivesOneStreamWithTheTerminalsLineEnds()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var request = Request("echo hi; echo oops >&2");
        var created = await client.Engine.CreateAsync(request with { Spec = request.Spec with { Tty = true } }, Ct);
        await using var attachment = await client.Engine.AttachAsync(created.Id, new AttachStreams(false, true, true), Ct);
        Assert.True(attachment.Tty);
        await client.Engine.StartAsync(created.Id, Ct);
        var output = new StringBuilder();
        await foreach (var chunk in attachment.ReadOutputAsync(Ct))
        {
            Assert.Equal(Core.Logs.LogStream.Stdout, chunk.Stream);
            output.Append(Encoding.UTF8.GetString(chunk.Data.Span));
        }

        Assert.Equal("hi\r\noops\r\n", output.ToString());
        Assert.Equal(0, (await client.Engine.WaitAsync(created.Id, WaitCondition.NotRunning, Ct)).ExitCode);
        await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct);
    }

    [Fact]
    public async Task OnFailure_RestartsUpToItsCount_ThenStaysExited()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("echo run; exit 2") with { Restart = RestartPolicy.Parse("on-failure:2") }, Ct);
        await client.Engine.StartAsync(created.Id, Ct);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        ContainerDetails details;
        do
        {
            await Task.Delay(200, Ct);
            details = await client.Engine.InspectAsync(created.Id, Ct);
        }
        while (!(details.State.Status == ContainerStatus.Exited && details.RestartCount == 2) && DateTime.UtcNow < deadline);

        Assert.Equal((ContainerStatus.Exited, 2, 2), (details.State.Status, details.State.ExitCode, details.RestartCount));
        Assert.Equal(3, (await client.Engine.LogsAsync(created.Id, new LogsRequest(), Ct).ToListAsync(Ct)).Count);
        await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct);
    }

    [Fact]
    public async Task PauseUnpauseAndRename_ChangeWhatInspectShows()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("sleep 300") with { Name = "frozen" }, Ct);
        var other = await client.Engine.CreateAsync(Request("true") with { Name = "bystander" }, Ct);
        try
        {
            await client.Engine.StartAsync("frozen", Ct);
            await client.Engine.PauseAsync("frozen", Ct);
            Assert.Equal(ContainerStatus.Paused, (await client.Engine.InspectAsync("frozen", Ct)).State.Status);
            var again = await Assert.ThrowsAsync<FailedPreconditionException>(async () => await client.Engine.PauseAsync("frozen", Ct));
            Assert.Equal($"Container {created.Id} is already paused", again.Message);
            await Assert.ThrowsAsync<FailedPreconditionException>(async () => await client.Engine.ExecAsync("frozen", new ExecRequest(["true"]), Ct));
            await client.Engine.UnpauseAsync("frozen", Ct);
            Assert.Equal(ContainerStatus.Running, (await client.Engine.InspectAsync("frozen", Ct)).State.Status);

            await client.Engine.RenameAsync("frozen", "thawed", Ct);
            Assert.Equal(created.Id, (await client.Engine.InspectAsync("thawed", Ct)).Id);
            await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.InspectAsync("frozen", Ct));
            await Assert.ThrowsAsync<AlreadyExistsException>(async () => await client.Engine.RenameAsync("thawed", "bystander", Ct));
        }
        finally
        {
            await client.Engine.RemoveAsync(created.Id, force: true, cancellationToken: CancellationToken.None);
            await client.Engine.RemoveAsync(other.Id, force: true, cancellationToken: CancellationToken.None);
        }
    }

    [Fact]
    public async Task Init_RunsTiniAsPidOne_WithTheCommandAsItsChild()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(Request("cat /proc/1/cmdline | tr '\\0' ' '; echo; echo $$") with { Init = true }, Ct);
        var (stdout, _) = await EngineLifecycleTests.RunAttachedAsync(client, created.Id);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("/sbin/docker-init -- sh -c ", lines[0]);
        Assert.NotEqual("1", lines[1]);
        await client.Engine.RemoveAsync(created.Id, cancellationToken: Ct);
    }

    private ContainerCreate Request(string script)
        => new(engine.BusyboxRef) { Spec = new ContainerSpecOptions { Command = ["sh", "-c", script] } };
}
