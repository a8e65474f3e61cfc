using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime.Json;

/// <summary>Source-generated serialisation of the runtime spec: no reflection, so it trims and compiles ahead of time.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(ProcessSpec))]
internal sealed partial class RuntimeSpecJsonContext : JsonSerializerContext;
