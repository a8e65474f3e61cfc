using Berth.Core.Events;
using Google.Protobuf;

namespace Berth.Services.Events;

/// <summary>Publishes containerd's event messages.</summary>
internal static class EventPublisherExtensions
{
    // containerd's typeurl names event payloads by their bare protobuf name (no type.googleapis.com/ prefix);
    // ctr and the Go client only decode that form.
    public static ValueTask PublishAsync(this IEventPublisher publisher, string @namespace, string topic, IMessage message,
        CancellationToken cancellationToken)
        => publisher.PublishAsync(@namespace, topic, new EventPayload(message.Descriptor.FullName, message.ToByteArray()), cancellationToken);
}
