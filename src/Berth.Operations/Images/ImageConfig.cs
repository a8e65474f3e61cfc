using System.Globalization;
using System.Text.Json;
using Berth.Oci;

namespace Berth.Operations.Images;

/// <summary>
/// What the commands read of an image's config blob (OCI image-spec, "config"): when it was made, for which platform,
/// its layers' diff ids and labels. The raw bytes stay for <c>inspect</c>, which copies parts verbatim.
/// </summary>
internal sealed record ImageConfig(byte[] Raw)
{
    /// <summary>The config's <c>created</c>, exactly as written (inspect prints it so).</summary>
    public string? CreatedText { get; private init; }

    /// <summary>When the image was made; null when the config does not say (reproducible builds leave it out).</summary>
    public DateTimeOffset? Created { get; private init; }

    public string Architecture { get; private init; } = string.Empty;

    public string Os { get; private init; } = string.Empty;

    public string? Variant { get; private init; }

    public string? Author { get; private init; }

    public string? Comment { get; private init; }

    /// <summary>The digests of the uncompressed layers, bottom first.</summary>
    public IReadOnlyList<Digest> DiffIds { get; private init; } = [];

    /// <summary>The image's labels (the config's <c>config.Labels</c>), which docker's label filter reads.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; private init; } = new Dictionary<string, string>();

    private const string ContainerLabelsField = "Labels";

    public static ImageConfig Parse(byte[] raw)
    {
        using var json = JsonDocument.Parse(raw);
        var root = json.RootElement;
        string? created = Text(root, "created");
        return new ImageConfig(raw)
        {
            CreatedText = created,
            Created = DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.Year > 1
                ? time : null,
            Architecture = Text(root, "architecture") ?? string.Empty,
            Os = Text(root, "os") ?? string.Empty,
            Variant = Text(root, "variant"),
            Author = Text(root, "author"),
            Comment = Text(root, "comment"),
            DiffIds = root.TryGetProperty("rootfs", out var rootfs) && rootfs.TryGetProperty("diff_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? [.. ids.EnumerateArray().Select(i => Digest.TryParse(i.GetString(), out var d) ? d : default).Where(d => !d.IsEmpty)]
                : [],
            Labels = root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
                && config.TryGetProperty(ContainerLabelsField, out var labels) && labels.ValueKind == JsonValueKind.Object
                ? labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.ValueKind == JsonValueKind.String ? l.Value.GetString()! : l.Value.ToString())
                : new Dictionary<string, string>(),
        };
    }

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
