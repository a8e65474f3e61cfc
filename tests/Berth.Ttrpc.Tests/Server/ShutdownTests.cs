using System.Net.Sockets;
using Berth.Core.Errors;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Ttrpc.Tests.Server;

public sealed class ShutdownTests
{
    private const string Service = "berth.test.Work";

    [Fact]
    public async Task Shutdown_CallInFlight_StopsAcceptingLetsTheCallFinishAndRemovesTheSocket()
    {
        await using var harness = new TtrpcHarness();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.Register<StringValue, StringValue>(Service, "Finish", StringValue.Parser, async (request, _) =>
        {
            started.SetResult();
            await release.Task;
            return request;
        });
        var client = await harness.Listen().ConnectAsync();
        var call = client.CallAsync(Service, "Finish", new StringValue { Value = "done" }, StringValue.Parser);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        var shutdown = harness.Server.ShutdownAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await WaitUntil(() => !File.Exists(harness.SocketPath));
        await Assert.ThrowsAsync<UnavailableException>(() => TtrpcClient.ConnectAsync(harness.SocketPath));
        Assert.False(shutdown.IsCompleted);
        release.SetResult();

        Assert.Equal("done", (await call).Value);
        await shutdown.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Shutdown_GraceRunsOut_CancelsTheCall()
    {
        await using var harness = new TtrpcHarness();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.Register<Empty, Empty>(Service, "Hang", Empty.Parser, async (_, context) =>
        {
            started.SetResult();
            using var registration = context.CancellationToken.Register(cancelled.SetResult);
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new Empty();
        });
        var client = await harness.Listen().ConnectAsync();
        var call = client.CallAsync(Service, "Hang", new Empty(), Empty.Parser);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await harness.Server.ShutdownAsync(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var error = await Record.ExceptionAsync(() => call);
        Assert.True(error is OperationCanceledException or UnavailableException, $"the call ended with {error}");
    }

    [Fact]
    public async Task Serve_InheritedListeningSocket_AnswersCalls()
    {
        using var dir = new Berth.Testing.TempDirectory("ttrpc");
        string path = dir.Combine("inherited.sock");
        var listening = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listening.Bind(new UnixDomainSocketEndPoint(path));
        listening.Listen();
        await using var server = new TtrpcServer();
        server.Register<StringValue, StringValue>(Service, "Echo", StringValue.Parser, (r, _) => Task.FromResult(r));
        server.Serve(listening);
        await using var client = await TtrpcClient.ConnectAsync(path);

        var answer = await client.CallAsync(Service, "Echo", new StringValue { Value = "fd 3" }, StringValue.Parser);

        Assert.Equal("fd 3", answer.Value);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
