using System.Text;
using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Grpc.Core;
using CoreOutputChunk = Berth.Core.Engine.OutputChunk;

namespace Berth.Services.Tests.Engine;

public sealed class EngineAttachTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CoreOutputChunk Chunk(LogStream stream, string text) => new(stream, Encoding.UTF8.GetBytes(text));

    private static FakeContainerEngine EngineWithWeb()
    {
        var engine = new FakeContainerEngine();
        engine.Containers.Add(EngineSamples.FullDetails);
        return engine;
    }

    [Fact]
    public async Task Attach_ReturnsOnlyOnceAttached_ThenStreamsTheOutputInOrderUntilItEnds()
    {
        var engine = EngineWithWeb();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect("team-a");

        var attaching = client.Engine.AttachAsync("web", new AttachStreams(false, true, true), Ct).AsTask();
        await engine.AttachRequested.Task.WaitAsync(Patience, Ct);
        await Task.Delay(100, Ct);
        Assert.False(attaching.IsCompleted); // the engine has not attached yet: a start now could miss output
        engine.AttachGate.SetResult();
        await using var attachment = await attaching.WaitAsync(Patience, Ct);

        Assert.True(attachment.Tty);
        Assert.Equal(new AttachStreams(false, true, true), engine.LastAttachStreams);
        Assert.Equal(("team-a", $"attach {EngineSamples.Id}"), Assert.Single(engine.Calls));
        CoreOutputChunk[] sent = [Chunk(LogStream.Stdout, "one"), Chunk(LogStream.Stderr, "two"), Chunk(LogStream.Stdout, "three")];
        foreach (var chunk in sent)
        {
            await engine.Attachment.Output.Writer.WriteAsync(chunk, Ct);
        }

        engine.Attachment.Output.Writer.Complete();
        var received = await attachment.ReadOutputAsync(Ct).ToListAsync(Ct).AsTask().WaitAsync(Patience, Ct);
        Assert.Equal(sent.Select(c => (c.Stream, Encoding.UTF8.GetString(c.Data.Span))),
            received.Select(c => (c.Stream, Encoding.UTF8.GetString(c.Data.Span))));
    }

    [Fact]
    public async Task Attach_StdinCloseAndResize_ReachTheEnginesAttachmentInOrder()
    {
        var engine = EngineWithWeb();
        engine.AttachGate.SetResult();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        await using var attachment = await client.Engine.AttachAsync("web", new AttachStreams(true, true, false), Ct);

        await attachment.WriteInputAsync("hello\n"u8.ToArray(), Ct);
        await attachment.ResizeAsync(120, 40, Ct);
        await Task.WhenAll(attachment.WriteInputAsync("a"u8.ToArray(), Ct).AsTask(), attachment.WriteInputAsync("a"u8.ToArray(), Ct).AsTask());
        await attachment.CloseInputAsync(Ct);

        var inputs = new List<string>();
        while (inputs.Count < 5)
        {
            inputs.Add(await engine.Attachment.Inputs.Reader.ReadAsync(Ct).AsTask().WaitAsync(Patience, Ct));
        }

        Assert.Equal(["stdin:hello\n", "resize:120x40", "stdin:a", "stdin:a", "close"], inputs);
    }

    [Fact]
    public async Task Attach_DisposingTheClientsAttachment_DetachesOnTheServer_TheContainerGoesOn()
    {
        var engine = EngineWithWeb();
        engine.AttachGate.SetResult();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        var attachment = await client.Engine.AttachAsync("web", new AttachStreams(true, true, true), Ct);
        await engine.Attachment.Output.Writer.WriteAsync(Chunk(LogStream.Stdout, "still running"), Ct);

        await attachment.DisposeAsync();

        await engine.Attachment.Disposed.Task.WaitAsync(Patience, Ct);
        Assert.Equal([$"attach {EngineSamples.Id}"], engine.Calls.Select(c => c.Call)); // no stop, no kill
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await attachment.WriteInputAsync("x"u8.ToArray(), Ct));
    }

    [Fact]
    public async Task Attach_OutputEnded_WritesAreFailedPrecondition()
    {
        var engine = EngineWithWeb();
        engine.AttachGate.SetResult();
        engine.Attachment.Output.Writer.Complete();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        await using var attachment = await client.Engine.AttachAsync("web", new AttachStreams(true, true, true), Ct);

        Assert.Empty(await attachment.ReadOutputAsync(Ct).ToListAsync(Ct));
        await engine.Attachment.Disposed.Task.WaitAsync(Patience, Ct);

        await Assert.ThrowsAsync<FailedPreconditionException>(async () => await attachment.WriteInputAsync("late"u8.ToArray(), Ct));
    }

    [Fact]
    public async Task Attach_CancelledBeforeAttached_ThrowsForThatToken()
    {
        var engine = EngineWithWeb();
        await using var host = await EngineTestHost.StartAsync(engine);
        await using var client = host.Connect();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var attaching = client.Engine.AttachAsync("web", new AttachStreams(false, true, true), cancel.Token).AsTask();
        await engine.AttachRequested.Task.WaitAsync(Patience, Ct);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attaching.WaitAsync(Patience, Ct));
        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    [Fact]
    public async Task Attach_UnknownContainer_NotFound()
    {
        await using var host = await EngineTestHost.StartAsync(new FakeContainerEngine());
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<NotFoundException>(async () => await client.Engine.AttachAsync("nosuch", new AttachStreams(false, true, true), Ct));

        Assert.Equal("No such container: nosuch", error.Message);
    }

    [Fact]
    public async Task Attach_FirstMessageNotOpen_InvalidArgument()
    {
        await using var host = await EngineTestHost.StartAsync(EngineWithWeb());
        using var call = host.RawClient().Attach(EngineTestHost.Namespace("default"), cancellationToken: Ct);

        await call.RequestStream.WriteAsync(new AttachInput { Stdin = Google.Protobuf.ByteString.CopyFromUtf8("x") }, Ct);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext(Ct));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
