using Berth.Api.Conversions;
using Berth.Core.Events;
using Google.Protobuf;

namespace Berth.Services.Events;

/// <summary>Publishes containerd's event messages.</summary>
internal static class EventPublisherExtensions
{
    public static ValueTask PublishAsync(this IEventPublisher publisher, string @namespace, string topic, IMessage message,
        CancellationToken cancellationToken)
        => publisher.PublishAsync(@namespace, topic, EventPayloads.Of(message), cancellationToken);
}
