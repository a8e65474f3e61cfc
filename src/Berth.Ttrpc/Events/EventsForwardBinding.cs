using Berth.Core.Errors;
using Berth.Core.Events;
using Containerd.Services.Events.Ttrpc.V1;
using Google.Protobuf.WellKnownTypes;
using CoreEnvelope = Berth.Core.Events.Envelope;

namespace Berth.Ttrpc.Events;

/// <summary>
/// The daemon's side of containerd's shim events: <c>containerd.services.events.ttrpc.v1.Events/Forward</c>, which
/// shims call on the daemon's ttrpc socket (TTRPC_ADDRESS) to publish task events. Each envelope keeps its own
/// time and namespace.
/// </summary>
public static class EventsForwardBinding
{
    /// <summary>The service name on the wire (api/services/ttrpc/events/v1/events.proto).</summary>
    public const string ServiceName = "containerd.services.events.ttrpc.v1.Events";

    /// <summary>The one method of the service.</summary>
    public const string ForwardMethod = "Forward";

    /// <summary>Passes every forwarded envelope into <paramref name="exchange"/>.</summary>
    public static void Register(TtrpcServer server, IEventExchange exchange)
        => server.Register<ForwardRequest, Empty>(ServiceName, ForwardMethod, ForwardRequest.Parser, async (request, context) =>
        {
            var envelope = request.Envelope ?? throw new InvalidArgumentException("forward: envelope is required");
            var payload = envelope.Event ?? throw new InvalidArgumentException($"forward of {envelope.Topic}: event is required");
            await exchange.ForwardAsync(new CoreEnvelope(
                Api.Conversions.Wire.ToTime(envelope.Timestamp), envelope.Namespace, envelope.Topic,
                new EventPayload(payload.TypeUrl, payload.Value.Memory)), context.CancellationToken);
            return new Empty();
        });
}
