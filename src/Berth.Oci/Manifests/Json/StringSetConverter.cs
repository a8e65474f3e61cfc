using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Manifests.Json;

/// <summary>A set written as Go's <c>map[string]struct{}</c>: <c>{"80/tcp":{}}</c>; keys sorted, values ignored on reading.</summary>
internal sealed class StringSetConverter : JsonConverter<IReadOnlyList<string>?>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a set must be a JSON object whose keys are the members");
        }

        var keys = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            keys.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        return keys;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string>? value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (string key in (value ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            writer.WriteStartObject(key);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
