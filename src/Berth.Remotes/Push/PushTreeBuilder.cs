using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Push;

/// <summary>
/// Decides what of a local image a push sends, reading the namespace's content store. A manifest goes with its config
/// and layers (non-distributable layers stay behind, as containerd leaves them). An index goes whole when the store has
/// everything it lists (docker pushes what it has). When some platforms are missing, as after a pull of one platform,
/// it does what nerdctl does without --all-platforms: it pushes a reduced index that lists only the host platform's
/// manifests (nerdctl converts the image with its default strict platform matcher into a temporary image and pushes
/// that), and fails when the store lacks those too. With a platform asked for, only that platform's manifest goes, as
/// a single-platform image (docker's <c>push --platform</c>).
/// </summary>
internal sealed partial class PushTreeBuilder(IContentStore content, PushPlan plan)
{
    private const int MaxIndexDepth = 4;

    private readonly List<Descriptor> _blobs = [];
    private readonly List<(Descriptor, byte[])> _manifests = [];
    private readonly HashSet<Digest> _seen = [];

    public async Task<PushTree> BuildAsync(Descriptor target, CancellationToken cancellationToken)
    {
        if (ManifestMediaTypes.IsManifest(target.MediaType))
        {
            await CollectManifestAsync(target, await ReadAsync(target, cancellationToken), cancellationToken);
            return Tree(target);
        }

        if (!ManifestMediaTypes.IsIndex(target.MediaType))
        {
            throw new FailedPreconditionException(
                $"cannot push {plan.Reference}: its target {target.Digest} has media type {target.MediaType}, which is neither a manifest nor an index");
        }

        var index = Parse<ImageIndex>(target, await ReadAsync(target, cancellationToken));
        return plan.Platform is { } platform
            ? await BuildPlatformAsync(index, platform, cancellationToken)
            : await BuildIndexAsync(target, index, cancellationToken);
    }

    private async Task<PushTree> BuildIndexAsync(Descriptor target, ImageIndex index, CancellationToken cancellationToken)
    {
        if (await IsCompleteAsync(target, 0, cancellationToken))
        {
            await CollectAsync(target, 0, cancellationToken);
            return Tree(target);
        }

        var host = PlatformMatcher.Strict(Platforms.Host);
        var kept = new List<Descriptor>();
        foreach (var child in index.Manifests.Where(m => m.Platform is { } p && host.Matches(p)))
        {
            if (await IsCompleteAsync(child, 1, cancellationToken))
            {
                kept.Add(child);
                await CollectAsync(child, 1, cancellationToken);
            }
        }

        if (kept.Count == 0)
        {
            throw new FailedPreconditionException(
                $"cannot push {plan.Reference}: the local store lacks content of its index {target.Digest} and has no complete image for " +
                $"this host's platform {Platforms.Format(Platforms.Host)} either; pull it again (with --all-platforms to push every platform)");
        }

        // The reduced index keeps the original's kind, annotations and the order of what it keeps.
        var stored = StoredDigests();
        byte[] body = ManifestJson.Serialize(index with { Manifests = kept });
        var reduced = new Descriptor(target.MediaType, Digest.Sha256(body), body.Length);
        _manifests.Add((reduced, body));
        return new PushTree(reduced, _blobs, _manifests, stored);
    }

    private async Task<PushTree> BuildPlatformAsync(ImageIndex index, Platform platform, CancellationToken cancellationToken)
    {
        var candidates = PlatformMatcher.Strict(platform).Select(index.Manifests.Where(m => m.Platform is not null));
        foreach (var candidate in candidates.Where(c => ManifestMediaTypes.IsManifest(c.MediaType)))
        {
            if (await IsCompleteAsync(candidate, 1, cancellationToken))
            {
                await CollectAsync(candidate, 1, cancellationToken);
                return Tree(candidate);
            }
        }

        string offered = string.Join(", ", index.Manifests.Select(m => m.Platform is null ? "?" : Platforms.Format(m.Platform)).Distinct());
        throw new NotFoundException(candidates.Count == 0
            ? $"{plan.Reference} has no image for platform {Platforms.Format(platform)} (it has {offered}): push one of those platforms"
            : $"the local store lacks content of {plan.Reference} for platform {Platforms.Format(platform)}: pull it with --platform {Platforms.Format(platform)} first");
    }

    private PushTree Tree(Descriptor root) => new(root, _blobs, _manifests, StoredDigests());

    private HashSet<Digest> StoredDigests() => [.. _blobs.Select(b => b.Digest), .. _manifests.Select(m => m.Item1.Digest)];
}
