using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Ttrpc.Events;
using Containerd.Events;

namespace Berth.Ttrpc.Tests.Events;

public sealed class EventForwardingTests
{
    [Fact]
    public async Task Publish_ReachesTheExchangeWithNamespaceTopicTypeAndTime()
    {
        var exchange = new RecordingExchange();
        await using var harness = new TtrpcHarness();
        EventsForwardBinding.Register(harness.Server, exchange);
        await using var publisher = new EventForwardingClient("unix://" + harness.Listen().SocketPath);
        var before = DateTimeOffset.UtcNow;

        await publisher.PublishAsync("tenant", "/tasks/exit", new TaskExit { ContainerId = "c1", ExitStatus = 7 }, TestContext.Current.CancellationToken);

        var envelope = await exchange.Forwarded.Reader.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("tenant", "/tasks/exit", "containerd.events.TaskExit"), (envelope.Namespace, envelope.Topic, envelope.Event.TypeUrl));
        Assert.Equal(7u, TaskExit.Parser.ParseFrom(envelope.Event.Value.Span).ExitStatus);
        Assert.InRange(envelope.Timestamp, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Forward_ExchangeRefuses_ThrowsItsError()
    {
        var exchange = new RecordingExchange();
        await using var harness = new TtrpcHarness();
        EventsForwardBinding.Register(harness.Server, exchange);
        await using var publisher = new EventForwardingClient(harness.Listen().SocketPath);

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => publisher.ForwardAsync(
            new Envelope(DateTimeOffset.UtcNow, "tenant", "no-slash", new EventPayload("x", Array.Empty<byte>())), TestContext.Current.CancellationToken));

        Assert.Contains("no-slash", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_DaemonRestarted_ReconnectsToTheNewOne()
    {
        using var dir = new Berth.Testing.TempDirectory("ttrpc");
        string path = dir.Combine("daemon.sock.ttrpc");
        var exchange = new RecordingExchange();
        await using var publisher = new EventForwardingClient(path);
        var first = new TtrpcServer();
        EventsForwardBinding.Register(first, exchange);
        first.Listen(path);
        await publisher.PublishAsync("tenant", "/tasks/start", new TaskStart { ContainerId = "c1" }, TestContext.Current.CancellationToken);
        await first.DisposeAsync();

        await using var second = new TtrpcServer();
        EventsForwardBinding.Register(second, exchange);
        second.Listen(path);
        await publisher.PublishAsync("tenant", "/tasks/exit", new TaskExit { ContainerId = "c1" }, TestContext.Current.CancellationToken);

        Assert.Equal("/tasks/start", (await exchange.Forwarded.Reader.ReadAsync(TestContext.Current.CancellationToken)).Topic);
        Assert.Equal("/tasks/exit", (await exchange.Forwarded.Reader.ReadAsync(TestContext.Current.CancellationToken)).Topic);
    }

    private sealed class RecordingExchange : IEventExchange
    {
        public Channel<Envelope> Forwarded { get; } = Channel.CreateUnbounded<Envelope>();

        public ValueTask ForwardAsync(Envelope envelope, CancellationToken cancellationToken = default)
        {
            if (!envelope.Topic.StartsWith('/'))
            {
                throw new InvalidArgumentException($"topic \"{envelope.Topic}\" must be a path");
            }

            Forwarded.Writer.TryWrite(envelope);
            return ValueTask.CompletedTask;
        }

        public ValueTask PublishAsync(string @namespace, string topic, EventPayload payload, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public async IAsyncEnumerable<Envelope> SubscribeAsync(IReadOnlyList<string>? filters = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
