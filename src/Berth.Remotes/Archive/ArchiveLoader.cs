using System.Text.Json;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Oci;
using Berth.Oci.Manifests;
using Berth.Remotes.Pull;

namespace Berth.Remotes.Archive;

/// <summary>
/// Makes sense of what an archive held. docker's <c>manifest.json</c> wins when present (docker's layouts, old and
/// new; skopeo's docker-archive): each entry is an image of the config and layers it lists, whose manifest is the one
/// of the archive's OCI index with that config if there is one (so a saved image keeps its digest), else a Docker
/// schema 2 manifest made here, as containerd's importer makes it. Without it, <c>index.json</c> is read as an OCI
/// layout, images named by containerd's annotation or by an OCI ref name that is a full reference.
/// </summary>
internal sealed partial class ArchiveLoader(INamespaceScope scope, ArchiveContents contents, Platform platform)
{
    private const int MaxIndexDepth = 4;

    private IContentStore Content => scope.Content;

    public async Task<IReadOnlyList<LoadedImage>> PlanAsync(CancellationToken cancellationToken)
    {
        var images = contents.Documents.TryGetValue(ArchivePaths.DockerManifest, out var manifestJson)
            ? await FromDockerManifestAsync(manifestJson, cancellationToken)
            : contents.Documents.TryGetValue(ArchivePaths.OciIndex, out var indexJson)
                ? await FromOciIndexAsync(indexJson, cancellationToken)
                : throw new InvalidArgumentException(
                    "the archive has neither manifest.json nor index.json: it is not an image archive (docker save, skopeo copy docker-archive: or oci-archive:)");
        return images.Count > 0 ? images : throw new InvalidArgumentException("the archive lists no image");
    }

    private async Task<List<LoadedImage>> FromOciIndexAsync(byte[] json, CancellationToken cancellationToken)
    {
        var index = Parse(() => ManifestJson.ParseIndex(json), ArchivePaths.OciIndex);
        var images = new List<LoadedImage>();
        foreach (var entry in index.Manifests)
        {
            var image = images.FirstOrDefault(i => i.Target.Digest == entry.Digest);
            if (image is null)
            {
                var (descriptor, manifest, config) = await ResolveAsync(entry, 0, cancellationToken);
                image = new LoadedImage(entry with { Annotations = new Dictionary<string, string>() }, descriptor, manifest, config);
                images.Add(image);
            }

            if (NameOf(entry) is { } name && !image.Names.Contains(name))
            {
                image.Names.Add(name);
            }
        }

        return images;
    }

    // containerd's name annotation, else a ref name that is a whole reference; a bare tag names nothing.
    private static string? NameOf(Descriptor entry)
    {
        string? name = entry.Annotations.GetValueOrDefault(ArchivePaths.ImageNameAnnotation);
        if (string.IsNullOrEmpty(name) && entry.Annotations.GetValueOrDefault(ArchivePaths.RefNameAnnotation) is { } refName
            && refName.IndexOfAny(['/', ':', '@']) >= 0)
        {
            name = refName;
        }

        return string.IsNullOrEmpty(name) ? null : Normalize(name);
    }

    private static string Normalize(string name)
        => ImageReference.TryParse(name, out var reference, out string? error)
            ? reference.ToString()
            : throw new InvalidArgumentException($"the archive names an image {name}, which is not a valid reference: {error}");

    // Checks that the blob is there (in the archive, or in the store already) and reads it.
    private async Task<byte[]> ReadBlobAsync(Descriptor descriptor, string what, CancellationToken cancellationToken)
    {
        await RequireBlobAsync(descriptor, what, cancellationToken);
        return await Content.ReadAllBytesAsync(descriptor.Digest, cancellationToken);
    }

    private async Task RequireBlobAsync(Descriptor descriptor, string what, CancellationToken cancellationToken)
    {
        ContentInfo info;
        try
        {
            info = await Content.InfoAsync(descriptor.Digest, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw new InvalidArgumentException($"the archive lacks {what} {descriptor.Digest}: the archive is incomplete");
        }

        if (info.Size != descriptor.Size)
        {
            throw new InvalidArgumentException(
                $"{what} {descriptor.Digest} is {info.Size} bytes, but the archive's manifest says {descriptor.Size}: the archive is corrupt");
        }
    }

    private static T Parse<T>(Func<T> parse, string what)
    {
        try
        {
            return parse();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new InvalidArgumentException($"{what} in the archive cannot be read: {ex.Message}", ex);
        }
    }

    internal static IReadOnlyDictionary<string, string> ChildLabels(IEnumerable<Descriptor> children) => PullLabels.Children(children);
}
