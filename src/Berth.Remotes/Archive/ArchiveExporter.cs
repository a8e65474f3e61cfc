using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Archive;

/// <summary>
/// Writes images of a namespace as a tar archive. The layout is docker 25's: an OCI image layout (<c>oci-layout</c>,
/// <c>index.json</c> naming each image with containerd's and the OCI annotation, <c>blobs/sha256/</c>) plus docker's
/// <c>manifest.json</c> and <c>repositories</c>, so docker, skopeo (docker-archive: and oci-archive:) and containerd
/// read it. Blobs go as the store holds them (a pulled image keeps its manifest digest and compressed layers); of an
/// index only the manifest of the platform asked for is written.
/// </summary>
internal sealed partial class ArchiveExporter(INamespaceScope scope, Platform platform)
{
    private const int MaxIndexDepth = 4;

    public async Task<ExportPlan> PlanAsync(ImageExportRequest request, CancellationToken cancellationToken)
    {
        var plan = new ExportPlan();
        foreach (var image in request.Images)
        {
            var record = await scope.Images.GetAsync(image.Name, cancellationToken);
            var (descriptor, manifest) = await ManifestOfAsync(image.Name, record.Target, cancellationToken);
            foreach (var blob in (IEnumerable<Descriptor>)[manifest.Config, .. manifest.Layers])
            {
                await RequirePresentAsync(image.Name, blob, cancellationToken);
            }

            var name = image.Untagged || DanglingNames.IsDangling(image.Name) || !ImageReference.TryParse(image.Name, out var parsed, out _)
                ? null : parsed;
            plan.Add(descriptor, manifest, name);
        }

        return plan;
    }

    // Follows indexes to the manifest of the platform, as a pull picks it.
    private async Task<(Descriptor, ImageManifest)> ManifestOfAsync(string name, Descriptor target, CancellationToken cancellationToken)
    {
        var descriptor = target;
        for (int depth = 0; depth <= MaxIndexDepth; depth++)
        {
            await RequirePresentAsync(name, descriptor, cancellationToken);
            var document = ManifestJson.Parse(await scope.Content.ReadAllBytesAsync(descriptor.Digest, cancellationToken), descriptor.MediaType);
            if (document is ImageManifest manifest)
            {
                var config = ManifestJson.ParseConfig(await scope.Content.ReadAllBytesAsync(manifest.Config.Digest, cancellationToken));
                return (descriptor with { Annotations = new Dictionary<string, string>(), Platform = descriptor.Platform ?? config.Platform }, manifest);
            }

            Descriptor? chosen = null;
            foreach (var candidate in PlatformMatcher.Only(platform).Select(((ImageIndex)document).Manifests))
            {
                if (await IsPresentAsync(candidate.Digest, cancellationToken))
                {
                    chosen = candidate;
                    break;
                }
            }

            descriptor = chosen ?? throw new NotFoundException(
                $"image {name} has no manifest for {Platforms.Format(platform)} in the store: pull it for that platform, or save another platform with --platform");
        }

        throw new FailedPreconditionException($"image {name} nests indexes more than {MaxIndexDepth} deep: berth cannot save it");
    }

    private async Task RequirePresentAsync(string name, Descriptor blob, CancellationToken cancellationToken)
    {
        if (!await IsPresentAsync(blob.Digest, cancellationToken))
        {
            throw new FailedPreconditionException(
                $"image {name} is incomplete: blob {blob.Digest} ({blob.MediaType}) is not in the content store; pull the image again");
        }
    }

    private async Task<bool> IsPresentAsync(Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            await scope.Content.InfoAsync(digest, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
