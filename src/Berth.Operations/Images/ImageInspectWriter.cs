using System.Text.Encodings.Web;
using System.Text.Json;

namespace Berth.Operations.Images;

/// <summary>
/// Writes images in the shape of `docker image inspect`: an array of objects with Id, RepoTags, RepoDigests, Parent,
/// Comment, Created, DockerVersion, Author, Config (the config's own "config", copied as written), Architecture,
/// Variant (when set), Os, Size, RootFS and Metadata, indented by four spaces as docker's.
/// </summary>
internal static class ImageInspectWriter
{
    private const string GoZeroTime = "0001-01-01T00:00:00Z";

    public static string Write(IReadOnlyList<(LocalImage Image, long Size)> images)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var (image, size) in images)
            {
                WriteImage(json, image, size);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteImage(Utf8JsonWriter json, LocalImage image, long size)
    {
        var config = image.Config;
        json.WriteStartObject();
        json.WriteString("Id", image.Id.ToString());
        WriteList(json, "RepoTags", image.RepoTags);
        WriteList(json, "RepoDigests", image.RepoDigests);
        json.WriteString("Parent", string.Empty);
        json.WriteString("Comment", config?.Comment ?? string.Empty);
        json.WriteString("Created", config?.CreatedText ?? GoZeroTime);
        json.WriteString("DockerVersion", string.Empty);
        json.WriteString("Author", config?.Author ?? string.Empty);
        json.WritePropertyName("Config");
        using (var document = config is null ? null : JsonDocument.Parse(config.Raw))
        {
            if (document is not null && document.RootElement.TryGetProperty("config", out var containerConfig))
            {
                containerConfig.WriteTo(json);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteString("Architecture", config?.Architecture ?? string.Empty);
        if (config?.Variant is { } variant)
        {
            json.WriteString("Variant", variant);
        }

        json.WriteString("Os", config?.Os ?? string.Empty);
        json.WriteNumber("Size", size);
        json.WriteStartObject("RootFS");
        json.WriteString("Type", "layers");
        WriteList(json, "Layers", config?.DiffIds.Select(d => d.ToString()).ToList() ?? []);
        json.WriteEndObject();
        json.WriteStartObject("Metadata");
        json.WriteString("LastTagTime", image.Records.Max(r => r.UpdatedAt) is { Year: > 1 } tagged
            ? tagged.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : GoZeroTime);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
