using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>
/// An image record's name read as docker reads references: repository, tag, digest and the short forms docker prints.
/// A name that is no valid reference (other tools may store any string) is shown as it is, as a repository.
/// </summary>
internal sealed record ImageName(string Raw, ImageReference? Reference)
{
    public static ImageName Of(string raw) => new(raw, ImageReference.TryParse(raw, out var reference, out _) ? reference : null);

    public string? Tag => Reference is null ? null : Reference.Tag;

    public Digest? Digest => Reference?.Digest;

    /// <summary>The repository as docker prints it: busybox, user/app, 127.0.0.1:5000/test/app.</summary>
    public string FamiliarRepository => Reference is null ? Raw
        : Reference.WithTag("latest").Familiar[..^":latest".Length];

    /// <summary>The whole name as docker prints it: busybox:latest, busybox@sha256:….</summary>
    public string Familiar => Reference?.Familiar ?? Raw;

    /// <summary>
    /// Whether several records may be removed together without -f, as docker decides: at most one tagged name, and
    /// digest-pinned names only of that same repository.
    /// </summary>
    public static bool AreOneReference(IReadOnlyList<ImageName> names)
    {
        var tagged = names.Where(n => n.Digest is null).ToList();
        var repositories = names.Select(n => n.FamiliarRepository).Distinct().Count();
        return names.Count == 1 || (tagged.Count <= 1 && repositories == 1);
    }
}
