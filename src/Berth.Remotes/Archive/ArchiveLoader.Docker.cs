using System.Text.Json;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Archive;

internal sealed partial class ArchiveLoader
{
    private async Task<List<LoadedImage>> FromDockerManifestAsync(byte[] json, CancellationToken cancellationToken)
    {
        var entries = Parse(() => JsonSerializer.Deserialize(json, ArchiveJsonContext.Default.ListDockerManifestEntry), ArchivePaths.DockerManifest)
            ?? throw new InvalidArgumentException("manifest.json in the archive is JSON null: the archive is corrupt");
        var saved = contents.Documents.TryGetValue(ArchivePaths.OciIndex, out var indexJson)
            ? Parse(() => ManifestJson.ParseIndex(indexJson), ArchivePaths.OciIndex).Manifests
            : [];
        var images = new List<LoadedImage>();
        foreach (var entry in entries)
        {
            var image = await FromEntryAsync(entry, saved, cancellationToken);
            var same = images.FirstOrDefault(i => i.Target.Digest == image.Target.Digest);
            if (same is null)
            {
                images.Add(same = image);
            }

            foreach (string name in (entry.RepoTags ?? []).Select(Normalize).Where(n => !same.Names.Contains(n)))
            {
                same.Names.Add(name);
            }
        }

        return images;
    }

    private async Task<LoadedImage> FromEntryAsync(DockerManifestEntry entry, IReadOnlyList<Descriptor> saved, CancellationToken cancellationToken)
    {
        var configBlob = contents.Blob(entry.Config, "an image config");
        byte[] configJson = await Content.ReadAllBytesAsync(configBlob.Digest, cancellationToken);
        var config = Parse(() => ManifestJson.ParseConfig(configJson), entry.Config);
        var layers = new List<Descriptor>();
        foreach (string path in entry.Layers)
        {
            var blob = contents.Blob(path, "a layer");
            layers.Add(new Descriptor(await LayerMediaTypeAsync(blob.Digest, cancellationToken), blob.Digest, blob.Size));
        }

        // docker and berth save the manifest (or the index) too: keep it when it describes the same image.
        foreach (var candidate in saved.Where(d => ManifestMediaTypes.IsManifest(d.MediaType) || ManifestMediaTypes.IsIndex(d.MediaType)).DistinctBy(d => d.Digest))
        {
            if (await SavedImageAsync(candidate, configBlob.Digest, layers, cancellationToken) is { } found)
            {
                return found;
            }
        }

        var made = new ImageManifest
        {
            MediaType = MediaTypes.DockerManifest,
            Config = new Descriptor(MediaTypes.DockerConfig, configBlob.Digest, configBlob.Size),
            Layers = layers,
        };
        await CheckLayersAsync(made, config, cancellationToken);
        var madeDescriptor = await StoreWrites.WriteAsync(Content, MediaTypes.DockerManifest, ManifestJson.Serialize(made), cancellationToken);
        await StoreWrites.LabelAsync(Content, madeDescriptor.Digest, ChildLabels([made.Config, .. made.Layers]), cancellationToken);
        return new LoadedImage(Bare(madeDescriptor, config), madeDescriptor, made, config);
    }

    private async Task<LoadedImage?> SavedImageAsync(Descriptor candidate, Digest config, List<Descriptor> layers, CancellationToken cancellationToken)
    {
        if (!await IsPresentAsync(candidate.Digest, cancellationToken))
        {
            return null;
        }

        try
        {
            if (ManifestMediaTypes.IsManifest(candidate.MediaType)
                && ManifestJson.Parse(await Content.ReadAllBytesAsync(candidate.Digest, cancellationToken), candidate.MediaType) is ImageManifest quick
                && quick.Config.Digest != config)
            {
                return null; // another image of the archive
            }

            var (descriptor, manifest, savedConfig) = await ResolveAsync(candidate, 0, cancellationToken);
            bool same = manifest.Config.Digest == config && manifest.Layers.Select(l => l.Digest).SequenceEqual(layers.Select(l => l.Digest));
            return same ? new LoadedImage(Bare(candidate, savedConfig), descriptor, manifest, savedConfig) : null;
        }
        catch (Exception ex) when (ex is InvalidArgumentException or FormatException)
        {
            return null; // an index without this platform, or incomplete: manifest.json's entry stands on its own
        }
    }

    private static Descriptor Bare(Descriptor descriptor, ImageConfig config)
        => new(descriptor.MediaType, descriptor.Digest, descriptor.Size) { Platform = ManifestMediaTypes.IsIndex(descriptor.MediaType) ? null : config.Platform };

    // Layers in docker archives are usually plain tars; docker and skopeo also accept compressed ones.
    private async Task<string> LayerMediaTypeAsync(Digest digest, CancellationToken cancellationToken)
    {
        var reader = await Content.OpenReadAsync(digest, cancellationToken);
        await using (reader)
        {
            byte[] head = new byte[4];
            int read = await reader.ReadAtAsync(head, 0, cancellationToken);
            return read >= 2 && head[0] == 0x1f && head[1] == 0x8b ? MediaTypes.DockerLayerGzip
                : read == 4 && head.AsSpan().SequenceEqual((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd]) ? MediaTypes.OciLayerZstd
                : MediaTypes.DockerLayer;
        }
    }
}
