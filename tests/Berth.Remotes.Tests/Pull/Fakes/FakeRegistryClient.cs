using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Registry;

namespace Berth.Remotes.Tests.Pull.Fakes;

/// <summary>The client of one host of a <see cref="FakeRegistry"/>.</summary>
internal sealed class FakeRegistryClient(FakeRegistry registry, string host) : IRegistryClient
{
    public ValueTask PingAsync(CancellationToken cancellationToken = default)
        => host == FakeRegistry.Host ? ValueTask.CompletedTask : throw new UnavailableException($"no registry at {host}");

    public ValueTask<Descriptor> ResolveAsync(ImageReference reference, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref registry.ResolveCount);
        return registry.Tags.TryGetValue(reference.ToString(), out var root)
            ? ValueTask.FromResult(root)
            : throw new NotFoundException($"{reference}: not found");
    }

    public ValueTask<Stream> FetchAsync(ImageReference repository, Descriptor descriptor, long offset = 0, CancellationToken cancellationToken = default)
    {
        if (!registry.Blobs.TryGetValue(descriptor.Digest, out byte[]? blob))
        {
            throw new NotFoundException($"blob {descriptor.Digest} not found in {repository.Name}");
        }

        registry.Fetches.Enqueue((descriptor.Digest, offset));
        registry.StreamOpened();
        byte[] served = blob;
        if (registry.Corrupt.ContainsKey(descriptor.Digest))
        {
            served = (byte[])blob.Clone();
            served[served.Length / 2] ^= 0xff;
        }

        long failAfter = registry.FailOnceAfter.TryRemove(descriptor.Digest, out long at) ? at : long.MaxValue;
        var gate = registry.Gates.GetValueOrDefault(descriptor.Digest);
        return ValueTask.FromResult<Stream>(new FakeBlobStream(registry, descriptor, served, offset, failAfter, gate,
            registry.VerifyFullReads && offset == 0));
    }

    public ValueTask<bool> BlobExistsAsync(ImageReference repository, Descriptor descriptor, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(registry.Blobs.ContainsKey(descriptor.Digest));

    public ValueTask<bool> TryMountBlobAsync(ImageReference repository, Descriptor descriptor, string fromRepository,
        CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask PushBlobAsync(ImageReference repository, Descriptor descriptor, Stream content, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("the fake registry serves pulls only");

    public ValueTask PushManifestAsync(ImageReference reference, Descriptor descriptor, ReadOnlyMemory<byte> manifest,
        CancellationToken cancellationToken = default) => throw new NotSupportedException("the fake registry serves pulls only");
}
