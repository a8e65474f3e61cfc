using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Pull;

internal sealed partial class Puller
{
    private const int MaxIndexDepth = 4;

    // Follows indexes down to the manifest of the platform.
    private async Task<(Descriptor Descriptor, ImageManifest Manifest)> FetchRootAsync(Descriptor root, CancellationToken cancellationToken)
    {
        var descriptor = root;
        for (int depth = 0; ; depth++)
        {
            var document = await FetchDocumentAsync(descriptor, inLease: depth == 0, cancellationToken);
            if (document is ImageManifest manifest)
            {
                return (descriptor, manifest);
            }

            var index = (ImageIndex)document;
            await LabelAsync(descriptor.Digest, PullLabels.Children(index.Manifests), cancellationToken);
            var candidates = PlatformMatcher.Only(_plan.Platform).Select(index.Manifests);
            if (candidates.Count == 0)
            {
                string offered = string.Join(", ", index.Manifests.Select(m => m.Platform is null ? "?" : Platforms.Format(m.Platform)).Distinct());
                throw new NotFoundException(
                    $"{_plan.Reference} has no image for platform {Platforms.Format(_plan.Platform)} (it has {offered}): pull one of those platforms");
            }

            if (depth == MaxIndexDepth)
            {
                throw new FailedPreconditionException($"{_plan.Reference} nests indexes more than {MaxIndexDepth} deep: it is not an image berth can pull");
            }

            if (_plan.AllPlatforms)
            {
                await Task.WhenAll(index.Manifests.Where(m => m != candidates[0]).Distinct().Select(m => FetchOtherPlatformAsync(m, cancellationToken)));
            }

            descriptor = candidates[0];
        }
    }

    // With AllPlatforms: the manifest, config and layers of a platform that is not unpacked (ctr's and nerdctl's
    // --all-platforms; containerd's "all metadata" stops before the layers).
    private async Task FetchOtherPlatformAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        await _downloads.WaitAsync(cancellationToken);
        try
        {
            if (!ManifestMediaTypes.IsManifest(descriptor.MediaType) && !ManifestMediaTypes.IsIndex(descriptor.MediaType))
            {
                await FetchBlobAsync(descriptor, inLease: false, null, cancellationToken);
                return;
            }

            switch (await FetchDocumentAsync(descriptor, inLease: false, cancellationToken))
            {
                case ImageManifest manifest:
                    await FetchManifestChildrenAsync(descriptor, manifest, cancellationToken, parseConfig: false);
                    foreach (var layer in manifest.Layers.DistinctBy(l => l.Digest))
                    {
                        await FetchBlobAsync(layer, inLease: false, null, cancellationToken);
                    }

                    break;
                case ImageIndex index:
                    await LabelAsync(descriptor.Digest, PullLabels.Children(index.Manifests), cancellationToken);
                    break;
            }
        }
        finally
        {
            _downloads.Release();
        }
    }

    private async Task<ManifestDocument> FetchDocumentAsync(Descriptor descriptor, bool inLease, CancellationToken cancellationToken)
    {
        RefuseSchema1(descriptor.MediaType, descriptor.Digest);
        await FetchBlobAsync(descriptor, inLease, null, cancellationToken);
        byte[] json = await Content.ReadAllBytesAsync(descriptor.Digest, cancellationToken);
        try
        {
            RefuseSchema1(ManifestJson.DetectMediaType(json, descriptor.MediaType), descriptor.Digest);
            return ManifestJson.Parse(json, descriptor.MediaType);
        }
        catch (FormatException ex)
        {
            throw new FailedPreconditionException($"manifest {descriptor.Digest} of {_plan.Reference} cannot be read: {ex.Message}", ex);
        }
    }

    // Labels the manifest with its config and layers (so the lease-free image keeps them), then fetches the config.
    private async Task<ImageConfig?> FetchManifestChildrenAsync(Descriptor descriptor, ImageManifest manifest, CancellationToken cancellationToken,
        bool parseConfig = true)
    {
        await LabelAsync(descriptor.Digest, PullLabels.Children([manifest.Config, .. manifest.Layers]), cancellationToken);
        await FetchBlobAsync(manifest.Config, inLease: false, null, cancellationToken);
        if (!parseConfig)
        {
            return null;
        }

        byte[] json = await Content.ReadAllBytesAsync(manifest.Config.Digest, cancellationToken);
        try
        {
            return ManifestJson.ParseConfig(json);
        }
        catch (FormatException ex)
        {
            throw new FailedPreconditionException($"image config {manifest.Config.Digest} of {_plan.Reference} cannot be read: {ex.Message}", ex);
        }
    }
}
