using Berth.Oci;

namespace Berth.Core.Content;

/// <summary>What the store knows of a committed blob.</summary>
public sealed record ContentInfo(Digest Digest, long Size, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Labels, such as the <c>containerd.io/gc.ref.*</c> references that steer garbage collection.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Berth.Core.Labels.LabelSet.Empty;
}
