using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Services.Events;

namespace Berth.Services.Tests;

public sealed class EventExchangeTests
{
    private static readonly EventPayload Payload = new("containerd.events.NamespaceCreate", new byte[] { 10, 1, 97 });

    [Fact]
    public async Task Subscribe_WithFilters_ReceivesOnlyMatchingEventsInOrder()
    {
        var exchange = new EventExchange();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<Envelope>();
        var reader = Task.Run(async () =>
        {
            await foreach (var envelope in exchange.SubscribeAsync(["topic~=^/images/", "namespace==b"], cts.Token))
            {
                received.Add(envelope);
                if (received.Count == 3)
                {
                    return;
                }
            }
        }, cts.Token);
        await WaitForSubscriberAsync(exchange);

        await exchange.PublishAsync("a", "/images/create", Payload, cts.Token);
        await exchange.PublishAsync("a", "/content/delete", Payload, cts.Token);
        await exchange.PublishAsync("b", "/snapshot/commit", Payload, cts.Token);
        await exchange.PublishAsync("a", "/images/delete", Payload, cts.Token);
        await reader;

        Assert.Equal(["a/images/create", "b/snapshot/commit", "a/images/delete"], received.Select(e => e.Namespace + e.Topic));
        Assert.Equal(Payload.Value.ToArray(), received[0].Event.Value.ToArray());
    }

    [Fact]
    public async Task Forward_KeepsTheOriginalTimestamp()
    {
        var exchange = new EventExchange();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var first = Task.Run(async () => await exchange.SubscribeAsync(null, cts.Token).FirstAsync(cts.Token), cts.Token);
        await WaitForSubscriberAsync(exchange);
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        await exchange.ForwardAsync(new Envelope(when, "shim-ns", "/tasks/exit", Payload), cts.Token);

        Assert.Equal(when, (await first).Timestamp);
    }

    [Theory]
    [InlineData("")]
    [InlineData("images/create")]
    [InlineData("/")]
    [InlineData("/images//create")]
    [InlineData("/images/cre ate")]
    public async Task Publish_BadTopic_ThrowsInvalidArgument(string topic)
        => await Assert.ThrowsAsync<InvalidArgumentException>(() => new EventExchange().PublishAsync("a", topic, Payload).AsTask());

    [Fact]
    public async Task Subscribe_Cancelled_EndsAndStopsReceiving()
    {
        var exchange = new EventExchange();
        using var cts = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var _ in exchange.SubscribeAsync(null, cts.Token))
            {
            }
        });
        await WaitForSubscriberAsync(exchange);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader);
        Assert.Equal(0, exchange.SubscriberCount);
    }

    private static async Task WaitForSubscriberAsync(EventExchange exchange)
    {
        for (int i = 0; i < 200 && exchange.SubscriberCount == 0; i++)
        {
            await Task.Delay(10);
        }
    }
}
