using Berth.Oci;

namespace Berth.Core.Content;

/// <summary>How to open a writer.</summary>
/// <param name="Ref">The ingest's name. Opening an existing ref resumes it; only one writer may hold a ref at a time.</param>
public sealed record ContentWriterOptions(string Ref)
{
    /// <summary>The digest the content should have, when known; if that blob exists already, opening fails with AlreadyExists.</summary>
    public Digest? ExpectedDigest { get; init; }

    /// <summary>The size the content should have, 0 when unknown.</summary>
    public long ExpectedSize { get; init; }
}
