using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.Oci.Runtime.Json;

namespace Berth.Oci.Runtime;

/// <summary>
/// Reads and writes <c>config.json</c>. Names are the spec's and case-sensitive, as runc reads them; members berth does
/// not model are kept (<see cref="SpecObject.ExtensionData"/>) and written back after the known ones. Failures are
/// <see cref="FormatException"/>s that say where the document is wrong.
/// </summary>
public static class RuntimeSpecJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();
    private static readonly JsonTypeInfo<RuntimeSpec> TypeInfo = (JsonTypeInfo<RuntimeSpec>)Options.GetTypeInfo(typeof(RuntimeSpec));
    private static readonly JsonTypeInfo<ProcessSpec> ProcessTypeInfo = (JsonTypeInfo<ProcessSpec>)Options.GetTypeInfo(typeof(ProcessSpec));

    /// <summary>Reads a spec.</summary>
    public static RuntimeSpec Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, TypeInfo) ?? throw new FormatException("the runtime spec is JSON null");
        }
        catch (JsonException ex)
        {
            string where = ex.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
            throw new FormatException($"the runtime spec is not valid{where}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a spec, compact, UTF-8.</summary>
    public static byte[] Serialize(RuntimeSpec spec) => JsonSerializer.SerializeToUtf8Bytes(spec, TypeInfo);

    /// <summary>Writes a process (what an exec is made with), compact, UTF-8.</summary>
    public static byte[] Serialize(ProcessSpec process) => JsonSerializer.SerializeToUtf8Bytes(process, ProcessTypeInfo);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(RuntimeSpecJsonContext.Default.Options)
        {
            TypeInfoResolver = RuntimeSpecJsonContext.Default,
            // Paths and arguments may hold '+', '&' or '<'; leave them readable as Go's writers mostly do.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
