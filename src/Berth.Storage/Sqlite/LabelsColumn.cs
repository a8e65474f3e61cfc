using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Storage.Sqlite;

/// <summary>Labels are stored as one JSON object per row: they are read and written whole with their object.</summary>
internal static partial class LabelsColumn
{
    public static string ToStored(IReadOnlyDictionary<string, string>? labels)
        => labels is null || labels.Count == 0 ? "{}" : JsonSerializer.Serialize(new Dictionary<string, string>(labels), LabelsJsonContext.Default.DictionaryStringString);

    public static IReadOnlyDictionary<string, string> FromStored(string? json)
        => string.IsNullOrEmpty(json) || json == "{}"
            ? Core.Labels.LabelSet.Empty
            : JsonSerializer.Deserialize(json, LabelsJsonContext.Default.DictionaryStringString) ?? Core.Labels.LabelSet.Empty;

    [JsonSerializable(typeof(Dictionary<string, string>))]
    private sealed partial class LabelsJsonContext : JsonSerializerContext;
}
