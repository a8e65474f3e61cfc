using System.Text;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using CoreOutputChunk = Berth.Core.Engine.OutputChunk;

namespace Berth.Services.Tests.Engine;

/// <summary>An exec session's stdio and exit, from the engine's fake session to the client's and back.</summary>
public sealed class EngineExecStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CoreOutputChunk Chunk(LogStream stream, string text) => new(stream, Encoding.UTF8.GetBytes(text));

    private static CoreOutputChunk[] Sent { get; } =
        [Chunk(LogStream.Stdout, "one"), Chunk(LogStream.Stderr, "two"), Chunk(LogStream.Stdout, "three")];

    private static IEnumerable<(LogStream, string)> Texts(IEnumerable<CoreOutputChunk> chunks)
        => chunks.Select(c => (c.Stream, Encoding.UTF8.GetString(c.Data.Span)));

    private static async Task EndAsync(FakeExecSession session, int exitCode)
    {
        foreach (var chunk in Sent)
        {
            await session.Output.Writer.WriteAsync(chunk, Ct);
        }

        session.Output.Writer.Complete();
        session.Exit.SetResult(exitCode);
    }

    [Fact]
    public async Task Exec_OutputInOrderByStream_ThenWaitAnswersTheExitCode()
    {
        var engine = EngineExecTests.Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        await using var session = await client.Engine.ExecAsync("quirky_name", new ExecRequest(["sh"]), Ct);

        await EndAsync(engine.Exec, 3);
        var received = await session.ReadOutputAsync(Ct).ToListAsync(Ct).AsTask().WaitAsync(Patience, Ct);

        Assert.Equal(Texts(Sent), Texts(received)); // the exit message is no output
        Assert.Equal(3, await session.WaitAsync(Ct).AsTask().WaitAsync(Patience, Ct));
        Assert.Equal(3, await session.WaitAsync(Ct)); // as often as asked
    }

    [Fact]
    public async Task Exec_WaitBeforeReading_Completes_AndTheOutputIsStillThereAfter()
    {
        var engine = EngineExecTests.Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        await using var session = await client.Engine.ExecAsync("quirky_name", new ExecRequest(["sh"]), Ct);
        using (var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            var abandoned = session.WaitAsync(giveUp.Token).AsTask();
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned); // and the call goes on
        }

        var waiting = session.WaitAsync(Ct).AsTask();
        await EndAsync(engine.Exec, 0);

        Assert.Equal(0, await waiting.WaitAsync(Patience, Ct));
        Assert.Equal(Texts(Sent), Texts(await session.ReadOutputAsync(Ct).ToListAsync(Ct)));
    }

    [Fact]
    public async Task Exec_StdinCloseAndResize_ReachTheSessionInOrder()
    {
        var engine = EngineExecTests.Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        await using var session = await client.Engine.ExecAsync("quirky_name", new ExecRequest(["cat"]) { Stdin = true, Tty = true }, Ct);

        await session.ResizeAsync(80, 24, Ct);
        await session.WriteInputAsync("hello\n"u8.ToArray(), Ct);
        await session.CloseInputAsync(Ct);

        var inputs = new List<string>();
        while (inputs.Count < 3)
        {
            inputs.Add(await engine.Exec.Inputs.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct));
        }

        Assert.Equal(["resize:80x24", "stdin:hello\n", "close"], inputs);
    }

    [Fact]
    public async Task Exec_DisposingTheClientsSession_DetachesOnTheServer_TheProcessGoesOn()
    {
        var engine = EngineExecTests.Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        var session = await client.Engine.ExecAsync("quirky_name", new ExecRequest(["sleep", "1d"]), Ct);
        await engine.Exec.Output.Writer.WriteAsync(Chunk(LogStream.Stdout, "still running"), Ct);

        await session.DisposeAsync();

        await engine.Exec.Disposed.Task.WaitAsync(Patience, Ct);
        Assert.Equal([$"exec {EngineSamples.MinimalDetails.Id} sleep 1d"], engine.Calls.Select(c => c.Call)); // no kill
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await session.WaitAsync(Ct));
    }

    [Fact]
    public async Task Exec_Ended_WritesAreFailedPrecondition()
    {
        var engine = EngineExecTests.Engine();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        await using var session = await client.Engine.ExecAsync("quirky_name", new ExecRequest(["true"]), Ct);

        engine.Exec.Output.Writer.Complete();
        engine.Exec.Exit.SetResult(0);
        Assert.Equal(0, await session.WaitAsync(Ct).AsTask().WaitAsync(Patience, Ct));
        await engine.Exec.Disposed.Task.WaitAsync(Patience, Ct);

        await Assert.ThrowsAsync<FailedPreconditionException>(async () => await session.WriteInputAsync("late"u8.ToArray(), Ct));
    }
}
