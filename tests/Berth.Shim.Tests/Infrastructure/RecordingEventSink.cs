using Berth.Shim.Tasks;
using Google.Protobuf;

namespace Berth.Shim.Tests.Infrastructure;

/// <summary>Keeps the events a task service publishes, in order.</summary>
internal sealed class RecordingEventSink : IEventSink
{
    private readonly Lock _lock = new();
    private readonly List<(string Topic, IMessage Event)> _events = [];

    public Task PublishAsync(string topic, IMessage @event, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _events.Add((topic, @event));
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<string> Topics
    {
        get
        {
            lock (_lock)
            {
                return [.. _events.Select(e => e.Topic)];
            }
        }
    }

    public IReadOnlyList<T> Of<T>() where T : IMessage
    {
        lock (_lock)
        {
            return [.. _events.Select(e => e.Event).OfType<T>()];
        }
    }

    /// <summary>Waits until an event of the topic has arrived (events are forwarded by a loop of their own).</summary>
    public async Task WaitForAsync(string topic, int count = 1)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Topics.Count(t => t == topic) < count)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
