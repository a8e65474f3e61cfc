using Berth.Core.Errors;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Ttrpc.Tests.Server;

public sealed class TimeoutAndLossTests
{
    private const string Service = "berth.test.Slow";

    [Fact]
    public async Task Call_WithTimeout_ClientTimesOutAndHandlerIsCancelled()
    {
        await using var harness = new TtrpcHarness();
        var handlerSaw = new TaskCompletionSource<TimeSpan?>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.Register<Empty, Empty>(Service, "Hang", Empty.Parser, async (_, context) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            finally
            {
                handlerSaw.SetResult(context.Timeout);
            }

            return new Empty();
        });
        var client = await harness.Listen().ConnectAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => client.CallAsync(Service, "Hang", new Empty(), Empty.Parser, timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Equal(TimeSpan.FromMilliseconds(200), await handlerSaw.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Call_Cancelled_ThrowsOperationCanceledAndLaterCallsWork()
    {
        await using var harness = new TtrpcHarness();
        harness.Server.Register<Int32Value, Int32Value>(Service, "Sleep", Int32Value.Parser, async (request, context) =>
        {
            await Task.Delay(request.Value, context.CancellationToken);
            return request;
        });
        var client = await harness.Listen().ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.CallAsync(Service, "Sleep", new Int32Value { Value = 60_000 }, Int32Value.Parser, cancellationToken: cancel.Token));
        var after = await client.CallAsync(Service, "Sleep", new Int32Value { Value = 1 }, Int32Value.Parser);

        Assert.Equal(1, after.Value);
    }

    [Fact]
    public async Task ServerGone_PendingAndLaterCalls_ThrowUnavailableNamingTheSocket()
    {
        await using var harness = new TtrpcHarness();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.Register<Empty, Empty>(Service, "Hang", Empty.Parser, async (_, context) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new Empty();
        });
        await using var client = await TtrpcClient.ConnectAsync(harness.Listen().SocketPath);
        var pending = client.CallAsync(Service, "Hang", new Empty(), Empty.Parser);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await harness.Server.DisposeAsync(); // the server stops at once, as a shim that exits

        var lost = await Assert.ThrowsAsync<UnavailableException>(() => pending);
        var later = await Assert.ThrowsAsync<UnavailableException>(() => client.CallAsync(Service, "Hang", new Empty(), Empty.Parser));
        Assert.Contains(harness.SocketPath, lost.Message, StringComparison.Ordinal);
        Assert.Contains(harness.SocketPath, later.Message, StringComparison.Ordinal);
        Assert.True(client.Closed.IsCompleted);
    }

    [Fact]
    public async Task Connect_NothingListening_ThrowsUnavailableNamingTheSocket()
    {
        string path = Path.Combine(Path.GetTempPath(), $"berth-test-nobody-{Guid.NewGuid():N}.sock");

        var error = await Assert.ThrowsAsync<UnavailableException>(() => TtrpcClient.ConnectAsync("unix://" + path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_WithPendingCall_FailsItWithUnavailable()
    {
        await using var harness = new TtrpcHarness();
        harness.Server.Register<Empty, Empty>(Service, "Hang", Empty.Parser, async (_, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new Empty();
        });
        var client = await TtrpcClient.ConnectAsync(harness.Listen().SocketPath);
        var pending = client.CallAsync(Service, "Hang", new Empty(), Empty.Parser);

        await client.DisposeAsync();

        await Assert.ThrowsAsync<UnavailableException>(() => pending);
    }
}
