using System.Text.Json;
using Berth.Oci.Manifests.Json;

namespace Berth.Oci.Manifests;

/// <summary>
/// Reads and writes image manifests, indexes and configs. Reading accepts what registries serve (unknown fields are
/// ignored, Go's case-insensitive names, nulls for empty lists); writing is deterministic: fields in the specs' order,
/// map keys sorted, empty optional fields left out, no whitespace. Failures are <see cref="FormatException"/>s that say
/// what is wrong.
/// </summary>
public static partial class ManifestJson
{
    /// <summary>
    /// Reads a manifest or an index, telling them apart as <see cref="DetectMediaType"/> does; the document is returned as
    /// written (its <see cref="ManifestDocument.MediaType"/> stays null when it had none).
    /// </summary>
    public static ManifestDocument Parse(ReadOnlySpan<byte> json, string? mediaType = null)
    {
        string detected = DetectMediaType(json, mediaType);
        return ManifestMediaTypes.IsIndex(detected) ? ParseIndex(json)
            : ManifestMediaTypes.IsManifest(detected) ? ParseManifest(json)
            : throw new FormatException($"a document of media type {detected} is not an image manifest or index berth can read");
    }

    /// <summary>Reads an image manifest (OCI or Docker schema 2).</summary>
    public static ImageManifest ParseManifest(ReadOnlySpan<byte> json)
    {
        var manifest = Deserialize<ImageManifest>(json, "image manifest");
        manifest = manifest with
        {
            Annotations = manifest.Annotations ?? ManifestJsonOptions.EmptyMap,
            Config = Checked(manifest.Config, "the config of the image manifest"),
            Layers = [.. (manifest.Layers ?? []).Select((l, i) => Checked(l, $"layer {i} of the image manifest"))],
            Subject = manifest.Subject is null ? null : Checked(manifest.Subject, "the subject of the image manifest"),
        };
        return manifest;
    }

    /// <summary>Reads an image index (OCI) or manifest list (Docker).</summary>
    public static ImageIndex ParseIndex(ReadOnlySpan<byte> json)
    {
        var index = Deserialize<ImageIndex>(json, "image index");
        return index with
        {
            Annotations = index.Annotations ?? ManifestJsonOptions.EmptyMap,
            Manifests = [.. (index.Manifests ?? []).Select((m, i) => Checked(m, $"manifest {i} of the image index"))],
            Subject = index.Subject is null ? null : Checked(index.Subject, "the subject of the image index"),
        };
    }

    /// <summary>Reads an image config.</summary>
    public static ImageConfig ParseConfig(ReadOnlySpan<byte> json)
    {
        var config = Deserialize<ImageConfig>(json, "image config");
        var rootFs = config.RootFs ?? new RootFs();
        return config with
        {
            Architecture = config.Architecture ?? string.Empty,
            Os = config.Os ?? string.Empty,
            OsFeatures = config.OsFeatures ?? [],
            RootFs = rootFs with { DiffIds = rootFs.DiffIds ?? [] },
            History = [.. (config.History ?? []).Where(h => h is not null)],
        };
    }

    /// <summary>Writes a manifest, deterministically.</summary>
    public static byte[] Serialize(ImageManifest manifest) => GoEscaping.Apply(JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonOptions.TypeInfo<ImageManifest>()));

    /// <summary>Writes an index, deterministically.</summary>
    public static byte[] Serialize(ImageIndex index) => GoEscaping.Apply(JsonSerializer.SerializeToUtf8Bytes(index, ManifestJsonOptions.TypeInfo<ImageIndex>()));

    /// <summary>Writes a config, deterministically.</summary>
    public static byte[] Serialize(ImageConfig config) => GoEscaping.Apply(JsonSerializer.SerializeToUtf8Bytes(config, ManifestJsonOptions.TypeInfo<ImageConfig>()));

    private static T Deserialize<T>(ReadOnlySpan<byte> json, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, ManifestJsonOptions.TypeInfo<T>()) ?? throw new FormatException($"the {what} is JSON null");
        }
        catch (JsonException ex)
        {
            string where = ex.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
            throw new FormatException($"the {what} is not valid{where}: {ex.Message}", ex);
        }
    }

    private static Descriptor Checked(Descriptor? descriptor, string what)
    {
        if (descriptor is null || descriptor.Digest.IsEmpty)
        {
            throw new FormatException($"{what} has no digest");
        }

        if (string.IsNullOrEmpty(descriptor.MediaType) || descriptor.Size < 0)
        {
            throw new FormatException($"{what} ({descriptor.Digest}) needs a mediaType and a size of 0 or more");
        }

        return descriptor with
        {
            Annotations = descriptor.Annotations ?? ManifestJsonOptions.EmptyMap,
            Urls = descriptor.Urls ?? [],
            Platform = descriptor.Platform is { } p
                ? p with { Os = p.Os ?? string.Empty, Architecture = p.Architecture ?? string.Empty, OsFeatures = p.OsFeatures ?? [] }
                : null,
        };
    }
}
