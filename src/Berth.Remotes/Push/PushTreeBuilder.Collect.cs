using Berth.Core.Errors;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Push;

internal sealed partial class PushTreeBuilder
{
    // Whether the store has the document and everything below it.
    private async Task<bool> IsCompleteAsync(Descriptor descriptor, int depth, CancellationToken cancellationToken)
    {
        if (!await HasAsync(descriptor.Digest, cancellationToken))
        {
            return false;
        }

        byte[] body = await ReadAsync(descriptor, cancellationToken);
        if (ManifestMediaTypes.IsManifest(descriptor.MediaType))
        {
            var manifest = Parse<ImageManifest>(descriptor, body);
            foreach (var blob in Distributable(manifest))
            {
                if (!await HasAsync(blob.Digest, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        if (!ManifestMediaTypes.IsIndex(descriptor.MediaType) || depth >= MaxIndexDepth)
        {
            return false;
        }

        foreach (var child in Parse<ImageIndex>(descriptor, body).Manifests)
        {
            if (!await IsCompleteAsync(child, depth + 1, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    // Adds a complete document and what it lists: blobs first, children before their parent.
    private async Task CollectAsync(Descriptor descriptor, int depth, CancellationToken cancellationToken)
    {
        byte[] body = await ReadAsync(descriptor, cancellationToken);
        if (ManifestMediaTypes.IsManifest(descriptor.MediaType))
        {
            await CollectManifestAsync(descriptor, body, cancellationToken);
            return;
        }

        foreach (var child in Parse<ImageIndex>(descriptor, body).Manifests)
        {
            await CollectAsync(child, depth + 1, cancellationToken);
        }

        AddManifest(descriptor, body);
    }

    private async Task CollectManifestAsync(Descriptor descriptor, byte[] body, CancellationToken cancellationToken)
    {
        foreach (var blob in Distributable(Parse<ImageManifest>(descriptor, body)))
        {
            if (!await HasAsync(blob.Digest, cancellationToken))
            {
                throw new FailedPreconditionException(
                    $"cannot push {plan.Reference}: blob {blob.Digest} ({blob.MediaType}) of manifest {descriptor.Digest} is not in the local store; " +
                    "pull the image again to fetch it");
            }

            if (_seen.Add(blob.Digest))
            {
                _blobs.Add(blob);
            }
        }

        AddManifest(descriptor, body);
    }

    private void AddManifest(Descriptor descriptor, byte[] body)
    {
        if (_seen.Add(descriptor.Digest))
        {
            _manifests.Add((descriptor, body));
        }
    }

    // Registries may refuse non-distributable layers (Windows base layers): containerd skips them, and so does berth.
    private static IEnumerable<Descriptor> Distributable(ImageManifest manifest)
        => manifest.Layers.Where(l => !IsNonDistributable(l.MediaType)).Prepend(manifest.Config);

    private static bool IsNonDistributable(string mediaType)
        => mediaType.StartsWith("application/vnd.oci.image.layer.nondistributable.", StringComparison.Ordinal)
            || mediaType.StartsWith("application/vnd.docker.image.rootfs.foreign.", StringComparison.Ordinal);
}
