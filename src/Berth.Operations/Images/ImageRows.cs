using Berth.Operations.Output;

namespace Berth.Operations.Images;

/// <summary>
/// The rows of docker's image table for one image: a row per tag of each repository (per tag and digest with
/// --digests), a row per repository that has only digests, one "&lt;none&gt;" row for an image with no name at all.
/// </summary>
internal static class ImageRows
{
    /// <summary>Every field docker's image templates know, by name, with their column titles.</summary>
    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["Containers"] = "CONTAINERS", ["CreatedAt"] = "CREATED AT", ["CreatedSince"] = "CREATED", ["Digest"] = "DIGEST",
        ["ID"] = "IMAGE ID", ["Repository"] = "REPOSITORY", ["SharedSize"] = "SHARED SIZE", ["Size"] = "SIZE", ["Tag"] = "TAG",
        ["UniqueSize"] = "UNIQUE SIZE", ["VirtualSize"] = "SIZE",
    };

    public static IEnumerable<IReadOnlyDictionary<string, string>> Of(LocalImage image, long size, bool digests, bool noTrunc, DateTimeOffset now)
    {
        var tags = image.RepoTags.Select(ImageName.Of).GroupBy(n => n.FamiliarRepository).ToDictionary(g => g.Key, g => g.Select(n => n.Tag!).ToList());
        var pinned = image.RepoDigests.Select(d => (Repository: d[..d.LastIndexOf('@')], Digest: d[(d.LastIndexOf('@') + 1)..]))
            .GroupBy(d => d.Repository).ToDictionary(g => g.Key, g => g.Select(d => d.Digest).ToList());
        var cells = new List<(string Repository, string Tag, string Digest)>();
        if (tags.Count == 0 && pinned.Count == 0)
        {
            cells.Add(("<none>", "<none>", "<none>"));
        }

        foreach (var (repository, repositoryTags) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var repositoryDigests = digests && pinned.Remove(repository, out var found) ? found : [];
            pinned.Remove(repository);
            foreach (string tag in repositoryTags)
            {
                cells.AddRange(repositoryDigests.Count == 0 ? [(repository, tag, "<none>")] : repositoryDigests.Select(d => (repository, tag, d)));
            }
        }

        foreach (var (repository, repositoryDigests) in pinned.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            cells.AddRange(digests ? repositoryDigests.Select(d => (repository, "<none>", d)) : [(repository, "<none>", string.Empty)]);
        }

        return cells.Select(c => Row(image, size, c.Repository, c.Tag, c.Digest, noTrunc, now));
    }

    private static Dictionary<string, string> Row(LocalImage image, long size, string repository, string tag, string digest, bool noTrunc, DateTimeOffset now)
        => new()
        {
            ["Containers"] = "N/A",
            ["CreatedAt"] = image.Created is { } created ? created.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " +0000 UTC" : "N/A",
            ["CreatedSince"] = image.Created is { } since ? HumanUnits.Duration(now - since) + " ago" : "N/A",
            ["Digest"] = digest,
            ["ID"] = noTrunc ? image.Id.ToString() : image.ShortId,
            ["Repository"] = repository,
            ["SharedSize"] = "N/A",
            ["Size"] = HumanUnits.Size(size),
            ["Tag"] = tag,
            ["UniqueSize"] = "N/A",
            ["VirtualSize"] = HumanUnits.Size(size, 4),
        };
}
