using Berth.Core.Images;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>
/// One image as docker counts images: the records (names) of the namespace that lead to the same config, whose
/// digest is the IMAGE ID. <see cref="Manifest"/> and <see cref="Config"/> are null when the store lacks the content.
/// </summary>
internal sealed record LocalImage(Digest Id, IReadOnlyList<Image> Records, ImageManifest? Manifest, ImageConfig? Config)
{
    /// <summary>The 12 hex digits docker shows.</summary>
    public string ShortId => Id.Encoded[..12];

    /// <summary>When the image was made, per its config.</summary>
    public DateTimeOffset? Created => Config?.Created;

    /// <summary>The names with a tag, as docker prints them: busybox:latest, 127.0.0.1:5000/app:v1.</summary>
    public IReadOnlyList<string> RepoTags => [.. Records.Select(r => ImageName.Of(r.Name)).Where(n => n.Tag is not null && n.Digest is null)
        .Select(n => n.Familiar).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Each repository pinned to the digest its record points at: busybox@sha256:….</summary>
    public IReadOnlyList<string> RepoDigests => [.. Records.Where(r => !Core.Transfer.DanglingNames.IsDangling(r.Name)).Select(r => (Name: ImageName.Of(r.Name), r.Target.Digest))
        .Select(x => $"{x.Name.FamiliarRepository}@{x.Name.Digest ?? x.Digest}").Distinct().Order(StringComparer.Ordinal)];
}
