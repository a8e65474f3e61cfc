using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Berth.Core.Engine;

namespace Berth.Engine.Events;

/// <summary>
/// <see cref="IEngineEvents"/> in memory: per namespace, the last <c>capacity</c> events and the live subscribers.
/// A subscription copies the stored events and joins the subscribers under one lock, so the replay and the live part
/// meet without a gap or a repeat. Subscribers read from unbounded queues: a slow client costs memory, never a publisher's time.
/// </summary>
internal sealed class EngineEventLog(int capacity, TimeProvider time) : IEngineEvents
{
    /// <summary>Four times dockerd's 256: berth keeps them per namespace, and a namespace may be busy.</summary>
    public const int DefaultCapacity = 1024;

    private readonly Dictionary<string, NamespaceEvents> _namespaces = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _lastNano;

    public EngineEventLog()
        : this(DefaultCapacity, TimeProvider.System)
    {
    }

    public void Publish(string @namespace, string type, string action, string actorId, IReadOnlyDictionary<string, string> attributes)
    {
        lock (_lock)
        {
            // Strictly increasing, so that "since" and "until" cut the log in one place even within one clock tick.
            _lastNano = Math.Max(EngineEvent.ToNano(time.GetUtcNow()), _lastNano + 1);
            var published = new EngineEvent(type, action, actorId, attributes, _lastNano);
            var events = Namespace(@namespace);
            if (events.Stored.Count == capacity)
            {
                events.Stored.Dequeue();
            }

            events.Stored.Enqueue(published);
            foreach (var subscriber in events.Subscribers)
            {
                subscriber.Writer.TryWrite(published);
            }
        }
    }

    public async IAsyncEnumerable<EngineEvent> SubscribeAsync(string @namespace, EngineEventQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long? since = query.Since is { } s ? EngineEvent.ToNano(s) : query.Until is null ? null : long.MinValue;
        long until = query.Until is { } u ? EngineEvent.ToNano(u) : long.MaxValue;
        var live = Channel.CreateUnbounded<EngineEvent>(new UnboundedChannelOptions { SingleReader = true });
        List<EngineEvent> replay;
        lock (_lock)
        {
            var events = Namespace(@namespace);
            replay = since is { } from ? [.. events.Stored.Where(e => e.TimeNano >= from && e.TimeNano <= until)] : [];
            events.Subscribers.Add(live);
        }

        try
        {
            foreach (var stored in replay)
            {
                yield return stored;
            }

            while (await NextAsync(live.Reader, query.Until, cancellationToken) is { } next && next.TimeNano <= until)
            {
                yield return next;
            }
        }
        finally
        {
            lock (_lock)
            {
                _namespaces[@namespace].Subscribers.Remove(live);
            }
        }
    }

    // A timer's longest wait (about 24 days) is shorter than an "until" may be: a longer wait is made of several.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(20);

    // The next event, or null once "until" has come; the caller's own cancellation throws.
    private async ValueTask<EngineEvent?> NextAsync(ChannelReader<EngineEvent> reader, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        while (true)
        {
            var left = until is { } end ? end - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
            if (until is not null && left <= TimeSpan.Zero)
            {
                return null;
            }

            using var timer = new CancellationTokenSource(left > LongestWait ? LongestWait : left, time);
            using var ends = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
            try
            {
                return await reader.ReadAsync(ends.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The timer: "until" has come, or a long wait goes on with another timer.
            }
        }
    }

    private NamespaceEvents Namespace(string @namespace)
        => _namespaces.TryGetValue(@namespace, out var events) ? events : _namespaces[@namespace] = new NamespaceEvents();

    private sealed class NamespaceEvents
    {
        public Queue<EngineEvent> Stored { get; } = new();

        public List<Channel<EngineEvent>> Subscribers { get; } = [];
    }
}
