using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Archive;

/// <summary>
/// What an export writes: each manifest once, with the names it goes by, and every blob once (manifests, configs,
/// layers), sorted by digest as docker's archive lists them.
/// </summary>
internal sealed class ExportPlan
{
    private readonly List<ExportedManifest> _manifests = [];
    private readonly SortedDictionary<string, Descriptor> _blobs = new(StringComparer.Ordinal);

    public IReadOnlyList<ExportedManifest> Manifests => _manifests;

    public IEnumerable<Descriptor> Blobs => _blobs.Values;

    /// <summary>Adds an image under <paramref name="name"/> (null: without a name).</summary>
    public void Add(Descriptor descriptor, ImageManifest manifest, ImageReference? name)
    {
        var entry = _manifests.FirstOrDefault(m => m.Descriptor.Digest == descriptor.Digest);
        if (entry is null)
        {
            entry = new ExportedManifest(descriptor, manifest);
            _manifests.Add(entry);
            foreach (var blob in (IEnumerable<Descriptor>)[descriptor, manifest.Config, .. manifest.Layers])
            {
                _blobs.TryAdd(blob.Digest.ToString(), blob);
            }
        }

        if (name is not null && !entry.Names.Contains(name))
        {
            entry.Names.Add(name);
        }
    }
}

/// <summary>One manifest of an export and the names it is saved under.</summary>
internal sealed record ExportedManifest(Descriptor Descriptor, ImageManifest Manifest)
{
    public List<ImageReference> Names { get; } = [];
}
