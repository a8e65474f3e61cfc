using Berth.Oci;

namespace Berth.Core.Images;

/// <summary>A named reference to a manifest or index in the content store.</summary>
/// <param name="Name">The full reference, such as <c>docker.io/library/busybox:latest</c>.</param>
/// <param name="Target">The root descriptor: a manifest or an index.</param>
public sealed record Image(string Name, Descriptor Target)
{
    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Berth.Core.Labels.LabelSet.Empty;

    /// <summary>When the image was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the image was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
