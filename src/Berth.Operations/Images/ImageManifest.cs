using System.Text.Json;
using Berth.Client;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>The manifest an image record stands for on one platform: its config and its layers, bottom first.</summary>
internal sealed record ImageManifest(Descriptor Manifest, Descriptor Config, IReadOnlyList<Descriptor> Layers)
{
    /// <summary>
    /// Follows <paramref name="target"/> (an index or a manifest) to the manifest of <paramref name="platform"/>: among
    /// an index's entries whose blob is in the store, the platform's, else the first, as a pull for another platform
    /// leaves only that one. Parsed with JsonDocument: typed manifest classes are another layer's business.
    /// </summary>
    public static async Task<ImageManifest> ResolveAsync(IContentClient content, Descriptor target, Platform platform, CancellationToken cancellationToken)
    {
        for (int depth = 0; depth < 4; depth++)
        {
            using var json = JsonDocument.Parse(await content.ReadAllBytesAsync(target.Digest, cancellationToken));
            var root = json.RootElement;
            if (root.TryGetProperty("manifests", out var manifests) && manifests.ValueKind == JsonValueKind.Array)
            {
                target = await PickAsync(content, [.. manifests.EnumerateArray().Select(ReadDescriptor)], platform, target, cancellationToken);
                continue;
            }

            if (!root.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
            {
                throw new FailedPreconditionException($"{target.Digest} ({target.MediaType}) is neither an image manifest nor an index");
            }

            var layers = root.TryGetProperty("layers", out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Select(ReadDescriptor)]
                : Array.Empty<Descriptor>();
            return new ImageManifest(target, ReadDescriptor(config), layers);
        }

        throw new FailedPreconditionException($"{target.Digest}: indexes nested too deep");
    }

    private static async Task<Descriptor> PickAsync(IContentClient content, IReadOnlyList<Descriptor> entries, Platform platform, Descriptor index,
        CancellationToken cancellationToken)
    {
        var present = new List<Descriptor>();
        foreach (var entry in entries)
        {
            try
            {
                await content.InfoAsync(entry.Digest, cancellationToken);
                present.Add(entry);
            }
            catch (NotFoundException)
            {
            }
        }

        return present.FirstOrDefault(e => Matches(e.Platform, platform, exactVariant: true))
            ?? present.FirstOrDefault(e => Matches(e.Platform, platform, exactVariant: false))
            ?? present.FirstOrDefault()
            ?? throw new NotFoundException($"no manifest of index {index.Digest} is in the content store: pull the image again");
    }

    private static bool Matches(Platform? candidate, Platform wanted, bool exactVariant)
        => candidate is not null && candidate.Os == wanted.Os && candidate.Architecture == wanted.Architecture
            && (!exactVariant || candidate.Variant == wanted.Variant);

    private static Descriptor ReadDescriptor(JsonElement element)
    {
        string mediaType = element.TryGetProperty("mediaType", out var m) ? m.GetString() ?? string.Empty : string.Empty;
        string digest = element.TryGetProperty("digest", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        long size = element.TryGetProperty("size", out var s) && s.TryGetInt64(out long n) ? n : 0;
        Platform? platform = null;
        if (element.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            platform = new Platform(Text(p, "os") ?? string.Empty, Text(p, "architecture") ?? string.Empty) { Variant = Text(p, "variant") };
        }

        return Digest.TryParse(digest, out var parsed)
            ? new Descriptor(mediaType, parsed, size) { Platform = platform }
            : throw new FailedPreconditionException($"a descriptor with digest \"{digest}\" is not valid: the manifest is corrupt; pull the image again");
    }

    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
