using System.Text.Json.Serialization;

namespace Berth.Oci.Manifests.Json;

/// <summary>Source-generated serialisation of the image formats: no reflection, so it trims and compiles ahead of time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(DigestConverter), typeof(SortedMapConverter)])]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
