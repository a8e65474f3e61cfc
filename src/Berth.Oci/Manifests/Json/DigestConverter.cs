using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Manifests.Json;

/// <summary>Reads and writes a <see cref="Digest"/> as its <c>algorithm:encoded</c> string.</summary>
internal sealed class DigestConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return Digest.TryParse(text, out var digest) ? digest : throw new JsonException($"\"{text}\" is not a digest");
    }

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
