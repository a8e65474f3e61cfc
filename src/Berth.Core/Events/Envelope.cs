namespace Berth.Core.Events;

/// <summary>An event payload: a protobuf message, packed as <c>google.protobuf.Any</c> is.</summary>
/// <param name="TypeUrl">The message type, such as <c>containerd.events.ImageCreate</c>.</param>
public sealed record EventPayload(string TypeUrl, ReadOnlyMemory<byte> Value);

/// <summary>An event as delivered to subscribers.</summary>
/// <param name="Topic">A path such as <c>/images/create</c>.</param>
public sealed record Envelope(DateTimeOffset Timestamp, string Namespace, string Topic, EventPayload Event);
