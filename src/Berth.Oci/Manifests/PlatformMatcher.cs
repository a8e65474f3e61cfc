namespace Berth.Oci.Manifests;

/// <summary>
/// Which platforms an image may be run on, best first, as containerd's <c>platforms.Only</c>: linux/amd64 also takes
/// linux/386; linux/arm/v7 also takes v6 and v5; linux/arm64 also takes the arm variants from v8 down. Platforms are
/// compared normalised, so linux/arm64 and linux/arm64/v8 are the same.
/// </summary>
public sealed class PlatformMatcher
{
    private readonly Platform[] _ordered;

    private PlatformMatcher(IEnumerable<Platform> ordered)
    {
        _ordered = [.. ordered.Select(Platforms.Normalize)];
    }

    /// <summary>The platforms, normalised, in order of preference.</summary>
    public IReadOnlyList<Platform> Preferred => _ordered;

    /// <summary>The platform and those that run on it (containerd's <c>Only</c>).</summary>
    public static PlatformMatcher Only(Platform platform) => new(Compatible(Platforms.Normalize(platform)));

    /// <summary>The platform alone (containerd's <c>OnlyStrict</c>).</summary>
    public static PlatformMatcher Strict(Platform platform) => new([platform]);

    /// <summary>Whether <paramref name="platform"/> is one of the preferred platforms.</summary>
    public bool Matches(Platform platform) => Rank(platform) < _ordered.Length;

    /// <summary>
    /// Orders two platforms: negative when <paramref name="x"/> is preferred, 0 when neither is, as containerd's
    /// <c>Less</c> used for a stable sort.
    /// </summary>
    public int Compare(Platform x, Platform y) => Rank(x).CompareTo(Rank(y));

    /// <summary>
    /// The entries of an index that this matcher accepts, best first; entries without a platform are accepted and come
    /// last (containerd's FilterPlatforms and LimitManifests).
    /// </summary>
    public IReadOnlyList<Descriptor> Select(IEnumerable<Descriptor> manifests)
        => [.. manifests.Where(m => m.Platform is null || Matches(m.Platform))
            .Select((m, i) => (Descriptor: m, Order: i))
            .OrderBy(e => e.Descriptor.Platform is null ? int.MaxValue : Rank(e.Descriptor.Platform))
            .ThenBy(e => e.Order)
            .Select(e => e.Descriptor)];

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", _ordered.Select(Platforms.Format));

    private int Rank(Platform platform)
    {
        var normal = Platforms.Normalize(platform);
        for (int i = 0; i < _ordered.Length; i++)
        {
            var candidate = _ordered[i];
            if (candidate.Os == normal.Os && candidate.Architecture == normal.Architecture
                && (candidate.Variant ?? string.Empty) == (normal.Variant ?? string.Empty))
            {
                return i;
            }
        }

        return _ordered.Length;
    }

    private static IEnumerable<Platform> Compatible(Platform platform)
    {
        yield return platform;
        int version = int.TryParse(platform.Variant?.TrimStart('v'), out int parsed) ? parsed : 0;
        switch (platform.Architecture)
        {
            case "amd64":
                for (int v = version - 1; v >= 1 && version > 1; v--)
                {
                    yield return platform with { Variant = "v" + v };
                }

                yield return platform with { Architecture = "386", Variant = null };
                break;
            case "arm":
                for (int v = version - 1; v >= 5 && version > 5; v--)
                {
                    yield return platform with { Variant = "v" + v };
                }

                break;
            case "arm64":
                foreach (var arm in Compatible(platform with { Architecture = "arm", Variant = platform.Variant ?? "v8" }))
                {
                    yield return arm;
                }

                break;
        }
    }
}
