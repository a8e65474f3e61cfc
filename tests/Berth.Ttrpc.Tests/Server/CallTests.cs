using Berth.Core.Errors;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Ttrpc.Tests.Server;

public sealed class CallTests
{
    private const string Service = "berth.test.Echo";

    [Fact]
    public async Task Call_WithMetadata_HandlerSeesRequestAndNamespace()
    {
        await using var harness = new TtrpcHarness();
        harness.Server.Register<StringValue, StringValue>(Service, "Say", StringValue.Parser,
            (request, context) => Task.FromResult(new StringValue { Value = $"{request.Value}|{context.Namespace}|{context.Metadata.Get("X-Extra")}" }));
        var client = await harness.Listen().ConnectAsync();
        var metadata = TtrpcMetadata.ForNamespace("tenant");
        metadata.Add("x-extra", "more");

        var answer = await client.CallAsync(Service, "Say", new StringValue { Value = "hello" }, StringValue.Parser, metadata);

        Assert.Equal("hello|tenant|more", answer.Value);
    }

    [Fact]
    public async Task Call_ManyConcurrentOnTwoConnections_AnsweredOutOfOrderToTheRightCallers()
    {
        const int Calls = 40;
        await using var harness = new TtrpcHarness();
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Server.Register<Int32Value, Int32Value>(Service, "Square", Int32Value.Parser, async (request, context) =>
        {
            // Every call is in flight at once before any answers, and later ones answer first.
            if (Interlocked.Increment(ref arrived) == Calls)
            {
                allArrived.SetResult();
            }

            await allArrived.Task.WaitAsync(context.CancellationToken);
            await Task.Delay((Calls - request.Value) * 5, context.CancellationToken);
            return new Int32Value { Value = request.Value * request.Value };
        });
        var first = await harness.Listen().ConnectAsync();
        var second = await harness.ConnectAsync();

        var calls = Enumerable.Range(0, Calls).Select(i => (i % 2 == 0 ? first : second).CallAsync(
            Service, "Square", new Int32Value { Value = i }, Int32Value.Parser, cancellationToken: TestContext.Current.CancellationToken));
        var answers = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(0, Calls).Select(i => i * i), answers.Select(a => a.Value));
    }

    [Theory]
    [InlineData("nope.Service", "Say", "service nope.Service")]
    [InlineData(Service, "Nope", "method Nope")]
    public async Task Call_UnknownServiceOrMethod_ThrowsUnimplementedLikeTtrpc(string service, string method, string message)
    {
        await using var harness = new TtrpcHarness();
        harness.Server.Register<Empty, Empty>(Service, "Say", Empty.Parser, (_, _) => Task.FromResult(new Empty()));
        var client = await harness.Listen().ConnectAsync();

        var error = await Assert.ThrowsAsync<UnimplementedException>(() => client.CallAsync(service, method, new Empty(), Empty.Parser));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Call_HandlerThrowsBerthException_ClientGetsSameKindAndMessage()
    {
        await using var harness = new TtrpcHarness();
        harness.Server.Register<Empty, Empty>(Service, "Missing", Empty.Parser, (_, _) => throw new NotFoundException("task x: not found"));
        harness.Server.Register<Empty, Empty>(Service, "Busy", Empty.Parser, (_, _) => throw new FailedPreconditionException("task x is running"));
        harness.Server.Register<Empty, Empty>(Service, "Broken", Empty.Parser, (_, _) => throw new InvalidOperationException("bug"));
        var client = await harness.Listen().ConnectAsync();

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => client.CallAsync(Service, "Missing", new Empty(), Empty.Parser));
        var busy = await Assert.ThrowsAsync<FailedPreconditionException>(() => client.CallAsync(Service, "Busy", new Empty(), Empty.Parser));
        var broken = await Assert.ThrowsAsync<InternalException>(() => client.CallAsync(Service, "Broken", new Empty(), Empty.Parser));

        Assert.Equal("task x: not found", missing.Message);
        Assert.Equal("task x is running", busy.Message);
        Assert.Equal("bug", broken.Message);
    }

    [Fact]
    public async Task Call_RequestOverLimit_ThrowsResourceExhaustedAndConnectionStaysUsable()
    {
        await using var harness = new TtrpcHarness();
        harness.Server.Register<BytesValue, Int32Value>(Service, "Size", BytesValue.Parser,
            (request, _) => Task.FromResult(new Int32Value { Value = request.Value.Length }));
        var client = await harness.Listen().ConnectAsync();
        var huge = new BytesValue { Value = Google.Protobuf.ByteString.CopyFrom(new byte[5 << 20]) };

        await Assert.ThrowsAsync<ResourceExhaustedException>(() => client.CallAsync(Service, "Size", huge, Int32Value.Parser));
        var small = await client.CallAsync(Service, "Size", new BytesValue { Value = Google.Protobuf.ByteString.CopyFrom(new byte[3 << 20]) }, Int32Value.Parser);

        Assert.Equal(3 << 20, small.Value);
    }
}
