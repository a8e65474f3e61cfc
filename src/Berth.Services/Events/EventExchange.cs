using System.Threading.Channels;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Filters;
using Berth.Core.Identifiers;

namespace Berth.Services.Events;

/// <summary>
/// The daemon's in-memory event bus (containerd's exchange). Each subscriber has its own queue, so a slow reader
/// delays only itself; a subscription ends when its reader cancels.
/// </summary>
public sealed class EventExchange(TimeProvider? time = null) : IEventExchange
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly List<Subscriber> _subscribers = [];

    /// <inheritdoc />
    public ValueTask PublishAsync(string @namespace, string topic, EventPayload payload, CancellationToken cancellationToken = default)
    {
        Identifier.Validate(@namespace, "namespace");
        ValidateTopic(topic);
        Deliver(new Envelope(_time.GetUtcNow(), @namespace, topic, payload));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ForwardAsync(Envelope envelope, CancellationToken cancellationToken = default)
    {
        Identifier.Validate(envelope.Namespace, "namespace");
        ValidateTopic(envelope.Topic);
        Deliver(envelope);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Envelope> SubscribeAsync(IReadOnlyList<string>? filters = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var subscriber = new Subscriber(Filter.Parse(filters), Channel.CreateUnbounded<Envelope>(new() { SingleReader = true }));
        lock (_gate)
        {
            _subscribers.Add(subscriber);
        }

        try
        {
            await foreach (var envelope in subscriber.Queue.Reader.ReadAllAsync(cancellationToken))
            {
                yield return envelope;
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(subscriber);
            }
        }
    }

    /// <summary>How many subscriptions are open.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Topics are paths of identifiers, such as <c>/images/create</c>.</summary>
    public static void ValidateTopic(string topic)
    {
        if (string.IsNullOrEmpty(topic) || topic[0] != '/' || topic.Length < 2)
        {
            throw new InvalidArgumentException($"topic \"{topic}\" must be a path starting with '/', such as /images/create");
        }

        foreach (string part in topic[1..].Split('/'))
        {
            if (!Identifier.IsValid(part))
            {
                throw new InvalidArgumentException($"topic \"{topic}\": \"{part}\" is not a valid path component");
            }
        }
    }

    private void Deliver(Envelope envelope)
    {
        Subscriber[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            if (subscriber.Filter.Match(path => Field(envelope, path)))
            {
                subscriber.Queue.Writer.TryWrite(envelope);
            }
        }
    }

    private static string? Field(Envelope envelope, IReadOnlyList<string> path) => path switch
    {
        ["namespace"] => envelope.Namespace,
        ["topic"] => envelope.Topic,
        _ => null,
    };

    private sealed record Subscriber(Filter Filter, Channel<Envelope> Queue);
}
