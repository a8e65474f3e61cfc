using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Engine;

/// <summary>An image as a container is made from it: its record's name, its config and the snapshot of its layers.</summary>
internal sealed record ResolvedImage(string Name, Digest ConfigDigest, ImageConfig Config, string? TopChainId);

/// <summary>Finds an image of the namespace by the name a user typed, and the manifest of this machine's platform.</summary>
internal static class ImageResolver
{
    private const int MaxIndexDepth = 4;

    public static async ValueTask<ResolvedImage> ResolveAsync(INamespaceScope scope, string reference, CancellationToken cancellationToken)
    {
        // docker's normalisation: busybox is docker.io/library/busybox:latest; a name it refuses is looked up as typed.
        bool parsed = ImageReference.TryParse(reference, out var normal, out _);
        string name = parsed ? normal!.ToString() : reference;
        Core.Images.Image image;
        try
        {
            image = await scope.Images.GetAsync(name, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new NotFoundException($"No such image: {(parsed ? normal!.Familiar : reference)}");
        }

        var descriptor = image.Target;
        var matcher = PlatformMatcher.Only(HostPlatform.Current);
        for (int depth = 0; depth <= MaxIndexDepth; depth++)
        {
            var document = ManifestJson.Parse(await scope.Content.ReadAllBytesAsync(descriptor.Digest, cancellationToken), descriptor.MediaType);
            if (document is ImageManifest manifest)
            {
                var config = ManifestJson.ParseConfig(await scope.Content.ReadAllBytesAsync(manifest.Config.Digest, cancellationToken));
                string? top = config.RootFs.DiffIds.Count > 0 ? ChainIds.Top(config.RootFs.DiffIds).ToString() : null;
                return new ResolvedImage(name, manifest.Config.Digest, config, top);
            }

            var candidates = matcher.Select(((ImageIndex)document).Manifests);
            descriptor = candidates.Count > 0 ? candidates[0] : throw new NotFoundException($"image {reference} has no manifest for {Platforms.Format(HostPlatform.Current)}: pull it for this machine's platform");
        }

        throw new FailedPreconditionException($"image {reference} nests indexes more than {MaxIndexDepth} deep");
    }
}
