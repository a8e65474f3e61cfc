using Berth.Oci;

namespace Berth.Core.Content;

/// <summary>The progress of an ingest: a write that is not committed yet.</summary>
/// <param name="Ref">The name the writer chose; resuming with the same ref continues at <paramref name="Offset"/>.</param>
/// <param name="Offset">Bytes written so far.</param>
/// <param name="Total">The size announced by the writer, 0 when unknown.</param>
/// <param name="Expected">The digest the writer announced, if any.</param>
public sealed record ContentStatus(
    string Ref, long Offset, long Total, Digest? Expected, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);
