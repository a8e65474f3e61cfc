using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Core.Engine;
using Berth.Operations.Containers;
using Berth.Operations.Output;

namespace Berth.Operations.Volumes;

/// <summary>
/// `docker volume inspect`'s JSON: what Go's json.MarshalIndent makes of dockerd's volume (fields in its order, four
/// spaces an indent, map keys sorted, Go's escapes, null for a volume without labels or options), and the same object
/// as docker's templates see it.
/// </summary>
internal static class VolumeInspectWriter
{
    public static string Write(IReadOnlyList<Volume> volumes, TimeZoneInfo zone)
    {
        if (volumes.Count == 0)
        {
            return "[]\n";
        }

        var json = new StringBuilder("[\n");
        for (int i = 0; i < volumes.Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",\n");
            AppendVolume(json, volumes[i], zone, "    ");
        }

        return json.Append("\n]\n").ToString();
    }

    /// <summary>
    /// The volume as a template's data. Docker runs templates over its typed volume, where an unset map prints as
    /// <c>map[]</c>; decoded JSON would print <c>&lt;no value&gt;</c>, so unset maps become empty ones.
    /// </summary>
    public static object? TemplateData(Volume volume, TimeZoneInfo zone)
    {
        var json = new StringBuilder();
        AppendVolume(json, volume, zone, string.Empty);
        using var document = JsonDocument.Parse(json.ToString());
        var data = (IDictionary<string, object?>)InspectValue.From(document.RootElement)!;
        data["Labels"] ??= new SortedDictionary<string, object?>(StringComparer.Ordinal);
        data["Options"] ??= new SortedDictionary<string, object?>(StringComparer.Ordinal);
        return data;
    }

    /// <summary>Go's time.RFC3339 in <paramref name="zone"/>: 2026-11-30T03:00:00Z, or with the offset (+01:00).</summary>
    public static string Rfc3339(DateTimeOffset time, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(time, zone);
        string offset = local.Offset == TimeSpan.Zero ? "Z" : local.ToString("zzz", CultureInfo.InvariantCulture);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + offset;
    }

    private static void AppendVolume(StringBuilder json, Volume volume, TimeZoneInfo zone, string indent)
    {
        string inner = indent + "    ";
        json.Append(indent).Append("{\n");
        json.Append(inner).Append("\"CreatedAt\": ").Append(GoJson.String(Rfc3339(volume.CreatedAt, zone))).Append(",\n");
        json.Append(inner).Append("\"Driver\": ").Append(GoJson.String(volume.Driver)).Append(",\n");
        AppendMap(json.Append(inner).Append("\"Labels\": "), VolumeRows.LabelsOf(volume), inner).Append(",\n");
        json.Append(inner).Append("\"Mountpoint\": ").Append(GoJson.String(volume.Mountpoint)).Append(",\n");
        json.Append(inner).Append("\"Name\": ").Append(GoJson.String(volume.Name)).Append(",\n");
        AppendMap(json.Append(inner).Append("\"Options\": "), volume.Options, inner).Append(",\n");
        json.Append(inner).Append("\"Scope\": \"local\"\n");
        json.Append(indent).Append('}');
    }

    private static StringBuilder AppendMap(StringBuilder json, IReadOnlyDictionary<string, string> map, string indent)
    {
        if (map.Count == 0)
        {
            return json.Append("null");
        }

        json.Append("{\n");
        int written = 0;
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.Append(indent).Append("    ").Append(GoJson.String(key)).Append(": ").Append(GoJson.String(value));
            json.Append(++written < map.Count ? ",\n" : "\n");
        }

        return json.Append(indent).Append('}');
    }
}
