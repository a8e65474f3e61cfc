using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Push;

internal sealed partial class PushTreeBuilder
{
    // Documents are read once: deciding what goes reads them before collecting does.
    private readonly Dictionary<Digest, byte[]> _bodies = [];

    private async Task<bool> HasAsync(Digest digest, CancellationToken cancellationToken)
    {
        try
        {
            await content.InfoAsync(digest, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private async Task<byte[]> ReadAsync(Descriptor descriptor, CancellationToken cancellationToken)
    {
        if (_bodies.TryGetValue(descriptor.Digest, out byte[]? cached))
        {
            return cached;
        }

        try
        {
            byte[] body = await content.ReadAllBytesAsync(descriptor.Digest, cancellationToken);
            _bodies[descriptor.Digest] = body;
            return body;
        }
        catch (NotFoundException ex)
        {
            throw new FailedPreconditionException(
                $"cannot push {plan.Reference}: manifest {descriptor.Digest} is not in the local store; pull the image again to fetch it", ex);
        }
    }

    private T Parse<T>(Descriptor descriptor, byte[] body) where T : ManifestDocument
    {
        try
        {
            return ManifestJson.Parse(body, descriptor.MediaType) as T ?? throw new FormatException(
                $"it is not the {(typeof(T) == typeof(ImageIndex) ? "index" : "manifest")} its media type {descriptor.MediaType} says");
        }
        catch (FormatException ex)
        {
            throw new FailedPreconditionException($"manifest {descriptor.Digest} of {plan.Reference} cannot be read: {ex.Message}", ex);
        }
    }
}
