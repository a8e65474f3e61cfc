namespace Berth.Oci;

/// <summary>An OCI content descriptor: what a blob is, where to find it and how big it is.</summary>
public sealed record Descriptor(string MediaType, Digest Digest, long Size)
{
    /// <summary>Free-form annotations carried with the descriptor.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = Empty;

    /// <summary>The platform an index entry is for, if any.</summary>
    public Platform? Platform { get; init; }

    /// <summary>Other places the blob may be fetched from.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [];

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
