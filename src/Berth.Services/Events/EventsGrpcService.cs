using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Services.Grpc;
using Containerd.Services.Events.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Containerd.Services.Events.V1.Events;

namespace Berth.Services.Events;

/// <summary>containerd's Events service over the daemon's <see cref="IEventExchange"/>.</summary>
internal sealed class EventsGrpcService(IEventExchange exchange) : Rpc.EventsBase
{
    public override async Task<Empty> Publish(PublishRequest request, ServerCallContext context)
    {
        var payload = ToCore(request.Event);
        await exchange.PublishAsync(CallScope.Namespace(context), request.Topic, payload, context.CancellationToken);
        return new Empty();
    }

    public override async Task<Empty> Forward(ForwardRequest request, ServerCallContext context)
    {
        var envelope = request.Envelope ?? throw new InvalidArgumentException("envelope is required");
        await exchange.ForwardAsync(new Core.Events.Envelope(
            Api.Conversions.Wire.ToTime(envelope.Timestamp), envelope.Namespace, envelope.Topic, ToCore(envelope.Event)), context.CancellationToken);
        return new Empty();
    }

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<Containerd.Services.Events.V1.Envelope> responseStream,
        ServerCallContext context)
    {
        try
        {
            await foreach (var envelope in exchange.SubscribeAsync([.. request.Filters], context.CancellationToken))
            {
                await responseStream.WriteAsync(new Containerd.Services.Events.V1.Envelope
                {
                    Timestamp = Api.Conversions.Wire.ToTimestamp(envelope.Timestamp),
                    Namespace = envelope.Namespace,
                    Topic = envelope.Topic,
                    Event = new Any { TypeUrl = envelope.Event.TypeUrl, Value = ByteString.CopyFrom(envelope.Event.Value.Span) },
                }, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The subscriber went away: that is how a subscription ends.
        }
    }

    private static EventPayload ToCore(Any? any)
        => any is null ? throw new InvalidArgumentException("event is required") : new EventPayload(any.TypeUrl, any.Value.Memory);
}
