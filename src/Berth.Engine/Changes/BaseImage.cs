using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Engine.Changes;

/// <summary>The manifest and config a container was made from, which a commit builds on.</summary>
internal sealed record BaseImage(ImageManifest Manifest, ImageConfig Config)
{
    private const int MaxIndexDepth = 4;

    /// <summary>
    /// Finds the manifest of config <paramref name="configId"/>: under the name the container was made with first, else
    /// under any name of the namespace (the name may have moved to another image since).
    /// </summary>
    public static async ValueTask<BaseImage> FindAsync(INamespaceScope scope, string imageName, string configId, CancellationToken cancellationToken)
    {
        string name = ImageReference.TryParse(imageName, out var normal, out _) ? normal.ToString() : imageName;
        try
        {
            var named = await scope.Images.GetAsync(name, cancellationToken);
            if (await ManifestOfAsync(scope.Content, named.Target, configId, cancellationToken) is { } found)
            {
                return found;
            }
        }
        catch (NotFoundException)
        {
        }

        await foreach (var image in scope.Images.ListAsync(null, cancellationToken))
        {
            if (await ManifestOfAsync(scope.Content, image.Target, configId, cancellationToken) is { } found)
            {
                return found;
            }
        }

        throw new FailedPreconditionException(
            $"the container's image {imageName} ({configId}) is no longer in the namespace: pull it again to commit this container");
    }

    private static async ValueTask<BaseImage?> ManifestOfAsync(IContentProvider content, Descriptor target, string configId, CancellationToken cancellationToken)
    {
        var matcher = PlatformMatcher.Only(HostPlatform.Current);
        var descriptor = target;
        try
        {
            for (int depth = 0; depth <= MaxIndexDepth; depth++)
            {
                var document = ManifestJson.Parse(await content.ReadAllBytesAsync(descriptor.Digest, cancellationToken), descriptor.MediaType);
                if (document is ImageManifest manifest)
                {
                    return manifest.Config.Digest.ToString() == configId
                        ? new BaseImage(manifest, ManifestJson.ParseConfig(await content.ReadAllBytesAsync(manifest.Config.Digest, cancellationToken)))
                        : null;
                }

                var candidates = matcher.Select(((ImageIndex)document).Manifests);
                if (candidates.Count == 0)
                {
                    return null;
                }

                descriptor = candidates[0];
            }
        }
        catch (NotFoundException)
        {
            // Content missing (a partial pull): not this one.
        }

        return null;
    }
}
