using Berth.Oci;

namespace Berth.Core.Transfer;

/// <summary>
/// The record names of images that have no name of their own (loaded from an archive without one, or imported without
/// a reference): every image needs a record to be kept. They are pinned to their digest under a repository no one
/// types, as docker's containerd image store does (<c>moby-dangling@sha256:…</c>); listings show them as &lt;none&gt;.
/// </summary>
public static class DanglingNames
{
    /// <summary>The repository part of a dangling image's record name.</summary>
    public const string Repository = "moby-dangling";

    /// <summary>The record name of a dangling image whose target is <paramref name="target"/>.</summary>
    public static string For(Digest target) => $"{Repository}@{target}";

    /// <summary>Whether a record name is a dangling image's.</summary>
    public static bool IsDangling(string name) => name.StartsWith(Repository + "@", StringComparison.Ordinal);
}
