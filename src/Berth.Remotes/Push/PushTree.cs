using Berth.Oci;

namespace Berth.Remotes.Push;

/// <summary>
/// What one push sends: the blobs (configs and layers, each once, in the order the manifests list them), then the
/// manifests with their bytes, children before the index that lists them, the root last.
/// </summary>
/// <param name="Root">What goes under the tag: the image's own target, or a manifest or reduced index standing in for it.</param>
/// <param name="Manifests">Every manifest and index to put, the root last.</param>
/// <param name="Stored">The digests of what is in the local store (everything but a reduced index made for this push).</param>
internal sealed record PushTree(Descriptor Root, IReadOnlyList<Descriptor> Blobs, IReadOnlyList<(Descriptor Descriptor, byte[] Body)> Manifests,
    IReadOnlySet<Digest> Stored);
