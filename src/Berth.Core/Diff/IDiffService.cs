using Berth.Core.Content;
using Berth.Core.Mounts;
using Berth.Oci;

namespace Berth.Core.Diff;

/// <summary>Applies a layer blob from the content store onto mounts.</summary>
public interface IDiffApplier
{
    /// <summary>
    /// Unpacks the layer <paramref name="layer"/> (tar, gzip or zstd; OCI whiteouts honoured) onto the filesystem the
    /// mounts describe. Returns the descriptor of the uncompressed tar. An entry that would land outside the mounts
    /// fails the call with InvalidArgument and nothing of the layer stays.
    /// </summary>
    ValueTask<Descriptor> ApplyAsync(Descriptor layer, IReadOnlyList<Mount> mounts, DiffApplyOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="ApplyAsync(Descriptor, IReadOnlyList{Mount}, DiffApplyOptions?, CancellationToken)"/>, reading the
    /// layer's bytes from <paramref name="blob"/> instead of the content store: a blob still arriving, whose reads wait
    /// for its bytes. The caller checks the blob's digest before it trusts the result.
    /// </summary>
    ValueTask<Descriptor> ApplyAsync(Descriptor layer, IContentReader blob, IReadOnlyList<Mount> mounts,
        CancellationToken cancellationToken = default);
}

/// <summary>Computes the layer between two filesystems.</summary>
public interface IDiffComparer
{
    /// <summary>
    /// Writes the changes that turn <paramref name="lower"/> into <paramref name="upper"/> as a layer blob to the content
    /// store and returns its descriptor.
    /// </summary>
    ValueTask<Descriptor> CompareAsync(IReadOnlyList<Mount> lower, IReadOnlyList<Mount> upper, DiffCompareOptions? options = null,
        CancellationToken cancellationToken = default);
}

/// <summary>Options of <see cref="IDiffApplier.ApplyAsync(Descriptor, IReadOnlyList{Mount}, DiffApplyOptions?, CancellationToken)"/>.</summary>
public sealed record DiffApplyOptions
{
    /// <summary>Stream processors' payloads by media type; berth has none and refuses unknown media types.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Payloads { get; init; } = new Dictionary<string, ReadOnlyMemory<byte>>();
}

/// <summary>Options of <see cref="IDiffComparer.CompareAsync"/>.</summary>
public sealed record DiffCompareOptions
{
    /// <summary>The layer's media type, which picks the compression (default: OCI tar+gzip).</summary>
    public string MediaType { get; init; } = MediaTypes.OciLayerGzip;

    /// <summary>The ingest ref to write through; a unique one when null.</summary>
    public string? Ref { get; init; }

    /// <summary>Labels to put on the committed blob.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

/// <summary>Both halves of containerd's Diff service, bound to one namespace's content.</summary>
public interface IDiffService : IDiffApplier, IDiffComparer
{
}
