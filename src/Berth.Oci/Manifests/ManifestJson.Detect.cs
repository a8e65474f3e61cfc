using System.Text.Json;

namespace Berth.Oci.Manifests;

public static partial class ManifestJson
{
    /// <summary>
    /// The media type of a manifest document: its own <c>mediaType</c> field, else <paramref name="declared"/> (what the
    /// registry or the parent descriptor said), else sniffed from its fields (<c>manifests</c>: an index; <c>config</c> or
    /// <c>layers</c>: a manifest; <c>fsLayers</c>: Docker schema 1). A document whose fields contradict its media type,
    /// or whose mediaType contradicts <paramref name="declared"/>, is refused, as containerd refuses it.
    /// </summary>
    public static string DetectMediaType(ReadOnlySpan<byte> json, string? declared = null)
    {
        string? inner;
        bool hasManifests, hasConfigOrLayers, isSchema1;
        string? configMediaType = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("a manifest must be a JSON object");
            }

            inner = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
            hasManifests = root.TryGetProperty("manifests", out _);
            hasConfigOrLayers = root.TryGetProperty("layers", out _) || root.TryGetProperty("config", out _);
            isSchema1 = root.TryGetProperty("fsLayers", out _)
                || (root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.GetInt32() == 1);
            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty("mediaType", out var cmt) && cmt.ValueKind == JsonValueKind.String)
            {
                configMediaType = cmt.GetString();
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the manifest is not valid JSON: {ex.Message}", ex);
        }

        bool declaredKnown = ManifestMediaTypes.IsIndex(declared) || ManifestMediaTypes.IsManifest(declared);
        if (inner is not null && declaredKnown && inner != declared)
        {
            throw new FormatException($"the manifest declares media type {inner}, but was served as {declared}");
        }

        string? type = inner ?? (declaredKnown || ManifestMediaTypes.IsSchema1(declared) ? declared : null);
        type ??= isSchema1 ? ManifestMediaTypes.DockerSchema1
            : hasManifests && !hasConfigOrLayers ? MediaTypes.OciIndex
            : hasConfigOrLayers && !hasManifests ? (configMediaType == MediaTypes.DockerConfig ? MediaTypes.DockerManifest : MediaTypes.OciManifest)
            : throw new FormatException("the document has neither \"manifests\" (an index) nor \"config\" and \"layers\" (a manifest)");

        if (ManifestMediaTypes.IsIndex(type) && hasConfigOrLayers)
        {
            throw new FormatException($"the document is of media type {type}, an index, but has the \"config\" or \"layers\" of a manifest");
        }

        if (ManifestMediaTypes.IsManifest(type) && hasManifests)
        {
            throw new FormatException($"the document is of media type {type}, a manifest, but has the \"manifests\" of an index");
        }

        return type;
    }
}
