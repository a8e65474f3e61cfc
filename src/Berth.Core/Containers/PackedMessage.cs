namespace Berth.Core.Containers;

/// <summary>
/// A message packed as <c>google.protobuf.Any</c> packs it: its type URL and its encoded bytes, kept exactly as the
/// client sent them. berthd never decodes a container's spec or runtime options; the runtime and the clients do.
/// </summary>
/// <param name="TypeUrl">The message type, such as <c>types.containerd.io/opencontainers/runtime-spec/1/Spec</c>.</param>
/// <param name="Value">The encoded message.</param>
public sealed record PackedMessage(string TypeUrl, ReadOnlyMemory<byte> Value)
{
    /// <summary>Equal when the type URLs and the bytes are.</summary>
    public bool Equals(PackedMessage? other)
        => other is not null && TypeUrl == other.TypeUrl && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TypeUrl, Value.Length);
}
