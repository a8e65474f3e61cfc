using System.Text.Json;
using Berth.Core.Content;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Archive;

internal sealed partial class ArchiveExporter
{
    /// <summary>Writes the archive: the blobs first, then the documents that name them, in file-name order as docker's tar is.</summary>
    public async Task WriteAsync(ExportPlan plan, ArchiveFormat format, Stream destination, CancellationToken cancellationToken)
    {
        var tar = new TarOutput(destination);
        await tar.DirectoryAsync("blobs", cancellationToken);
        foreach (string algorithm in plan.Blobs.Select(b => b.Digest.Algorithm).Distinct().Order(StringComparer.Ordinal))
        {
            await tar.DirectoryAsync("blobs/" + algorithm, cancellationToken);
        }

        foreach (var blob in plan.Blobs)
        {
            var reader = await scope.Content.OpenReadAsync(blob.Digest, cancellationToken);
            await using (reader)
            {
                await using var stream = reader.AsStream();
                await tar.FileAsync(ArchivePaths.Blob(blob.Digest), reader.Size, stream, cancellationToken);
            }
        }

        await tar.FileAsync(ArchivePaths.OciIndex, ManifestJson.Serialize(Index(plan)), cancellationToken);
        if (format == ArchiveFormat.Docker)
        {
            await tar.FileAsync(ArchivePaths.DockerManifest, DockerManifest(plan), cancellationToken);
        }

        await tar.FileAsync(ArchivePaths.OciLayout, JsonSerializer.SerializeToUtf8Bytes(new OciLayoutFile(), ArchiveJsonContext.Default.OciLayoutFile),
            cancellationToken);
        if (format == ArchiveFormat.Docker)
        {
            await tar.FileAsync(ArchivePaths.Repositories, Repositories(plan), cancellationToken);
        }

        await tar.FinishAsync(cancellationToken);
    }

    // One entry per name (containerd's name and the OCI tag), one without annotations for an image saved unnamed.
    private static ImageIndex Index(ExportPlan plan) => new()
    {
        MediaType = MediaTypes.OciIndex,
        Manifests = [.. plan.Manifests.SelectMany(m => m.Names.Count == 0 ? [m.Descriptor] : m.Names.Select(n => m.Descriptor with
        {
            Annotations = new Dictionary<string, string>
            {
                [ArchivePaths.ImageNameAnnotation] = n.ToString(),
                [ArchivePaths.RefNameAnnotation] = n.Tag ?? n.Digest.ToString()!,
            },
        }))],
    };

    private static byte[] DockerManifest(ExportPlan plan)
    {
        var entries = plan.Manifests.Select(m => new DockerManifestEntry
        {
            Config = ArchivePaths.Blob(m.Manifest.Config.Digest),
            RepoTags = Tagged(m) is { Count: > 0 } tags ? tags : null,
            Layers = [.. m.Manifest.Layers.Select(l => ArchivePaths.Blob(l.Digest))],
        }).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(entries, ArchiveJsonContext.Default.ListDockerManifestEntry);
    }

    // docker's legacy file: repository → tag → the top layer's id.
    private static byte[] Repositories(ExportPlan plan)
    {
        var repositories = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var manifest in plan.Manifests.Where(m => m.Manifest.Layers.Count > 0))
        {
            foreach (var name in manifest.Names.Where(n => n.Tag is not null))
            {
                string repository = name.WithTag("latest").Familiar[..^":latest".Length];
                if (!repositories.TryGetValue(repository, out var tags))
                {
                    repositories[repository] = tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
                }

                tags[name.Tag!] = manifest.Manifest.Layers[^1].Digest.Encoded;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(repositories, ArchiveJsonContext.Default.SortedDictionaryStringSortedDictionaryStringString);
    }

    private static List<string> Tagged(ExportedManifest manifest)
        => [.. manifest.Names.Where(n => n.Tag is not null).Select(n => n.Familiar)];
}
