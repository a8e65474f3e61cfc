using Berth.Core.Engine;

namespace Berth.Api.Containers.V1;

/// <summary>A subscription to the engine's events on the wire.</summary>
public sealed partial class SubscribeEventsRequest
{
    /// <summary>The Core form.</summary>
    public EngineEventQuery ToCore() => new(
        HasSinceNano ? DateTimeOffset.UnixEpoch.AddTicks(SinceNano / 100) : null,
        HasUntilNano ? DateTimeOffset.UnixEpoch.AddTicks(UntilNano / 100) : null);

    /// <summary>The wire form.</summary>
    public static SubscribeEventsRequest FromCore(EngineEventQuery query)
    {
        var wire = new SubscribeEventsRequest();
        if (query.Since is { } since)
        {
            wire.SinceNano = EngineEvent.ToNano(since);
        }

        if (query.Until is { } until)
        {
            wire.UntilNano = EngineEvent.ToNano(until);
        }

        return wire;
    }
}

/// <summary>One engine event on the wire.</summary>
public sealed partial class EngineEventMessage
{
    /// <summary>The Core form.</summary>
    public EngineEvent ToCore() => new(Type, Action, ActorId, Conversions.Wire.ToLabels(Attributes), TimeNano);

    /// <summary>The wire form.</summary>
    public static EngineEventMessage FromCore(EngineEvent engineEvent)
    {
        var wire = new EngineEventMessage
        {
            Type = engineEvent.Type, Action = engineEvent.Action, ActorId = engineEvent.ActorId, TimeNano = engineEvent.TimeNano,
        };
        Conversions.Wire.Fill(wire.Attributes, engineEvent.Attributes);
        return wire;
    }
}
