using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Archive;

/// <summary>
/// An image found in an archive: the root its records point at (a manifest, or an index), the manifest of the platform
/// that is unpacked, its config, and the names (full references) it is loaded under; none makes a dangling image.
/// </summary>
internal sealed record LoadedImage(Descriptor Target, Descriptor ManifestDescriptor, ImageManifest Manifest, ImageConfig Config)
{
    public List<string> Names { get; } = [];
}
