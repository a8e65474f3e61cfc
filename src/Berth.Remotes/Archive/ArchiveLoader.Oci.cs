using Berth.Core.Errors;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Archive;

internal sealed partial class ArchiveLoader
{
    // Follows an index entry to the manifest of the platform; each index and manifest is labelled with its children
    // (containerd's gc.ref labels), so the image record keeps them once the import's lease is gone.
    private async Task<(Descriptor, ImageManifest, ImageConfig)> ResolveAsync(Descriptor descriptor, int depth, CancellationToken cancellationToken)
    {
        byte[] json = await ReadBlobAsync(descriptor, "the manifest", cancellationToken);
        var document = Parse(() => ManifestJson.Parse(json, descriptor.MediaType), $"manifest {descriptor.Digest}");
        if (document is ImageIndex index)
        {
            if (depth == MaxIndexDepth)
            {
                throw new InvalidArgumentException($"the archive nests indexes more than {MaxIndexDepth} deep: it is not an image berth can load");
            }

            await StoreWrites.LabelAsync(Content, descriptor.Digest, ChildLabels(index.Manifests), cancellationToken);
            foreach (var candidate in PlatformMatcher.Only(platform).Select(index.Manifests))
            {
                if (await IsPresentAsync(candidate.Digest, cancellationToken))
                {
                    return await ResolveAsync(candidate, depth + 1, cancellationToken);
                }
            }

            throw new InvalidArgumentException(
                $"index {descriptor.Digest} in the archive has no manifest for {Platforms.Format(platform)}: save or copy the image for this platform");
        }

        var manifest = (ImageManifest)document;
        byte[] configJson = await ReadBlobAsync(manifest.Config, "the image config", cancellationToken);
        var config = Parse(() => ManifestJson.ParseConfig(configJson), $"image config {manifest.Config.Digest}");
        await CheckLayersAsync(manifest, config, cancellationToken);
        await StoreWrites.LabelAsync(Content, descriptor.Digest, ChildLabels([manifest.Config, .. manifest.Layers]), cancellationToken);
        return (descriptor, manifest, config);
    }

    private async Task CheckLayersAsync(ImageManifest manifest, ImageConfig config, CancellationToken cancellationToken)
    {
        if (config.RootFs.DiffIds.Count != manifest.Layers.Count)
        {
            throw new InvalidArgumentException(
                $"image config {manifest.Config.Digest} lists {config.RootFs.DiffIds.Count} diff IDs for {manifest.Layers.Count} layers: the archive is corrupt");
        }

        foreach (var layer in manifest.Layers)
        {
            await RequireBlobAsync(layer, "the layer", cancellationToken);
        }
    }

    private async Task<bool> IsPresentAsync(Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            await Content.InfoAsync(digest, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
