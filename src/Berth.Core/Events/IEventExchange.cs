namespace Berth.Core.Events;

/// <summary>Publishes events of one namespace.</summary>
public interface IEventPublisher
{
    /// <summary>Publishes an event now; InvalidArgument if the topic is not a path.</summary>
    ValueTask PublishAsync(string @namespace, string topic, EventPayload payload, CancellationToken cancellationToken = default);
}

/// <summary>The daemon's event bus, as containerd's exchange: publish, forward and subscribe.</summary>
public interface IEventExchange : IEventPublisher
{
    /// <summary>Re-publishes an event with its original time and namespace (from a shim, say).</summary>
    ValueTask ForwardAsync(Envelope envelope, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every event published from now on that matches any filter (fields: <c>namespace</c>, <c>topic</c>,
    /// <c>event.&lt;field&gt;</c> is not supported), until cancelled.
    /// </summary>
    IAsyncEnumerable<Envelope> SubscribeAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);
}
