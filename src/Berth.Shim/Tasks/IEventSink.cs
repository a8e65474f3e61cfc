using Google.Protobuf;

namespace Berth.Shim.Tasks;

/// <summary>
/// Where the task service's events go (containerd's shim publisher): over ttrpc to the daemon's Events.Forward in
/// the shim, a list in tests. The service calls it from one loop, in the order the events happened, and never from
/// inside an RPC, so a slow sink delays events but no call.
/// </summary>
internal interface IEventSink
{
    /// <summary>Publishes one event (<c>Containerd.Events.Task*</c>) under its topic, such as <c>/tasks/exit</c>.</summary>
    Task PublishAsync(string topic, IMessage @event, CancellationToken cancellationToken);
}
