using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>
/// The base of every object of the runtime spec: members berth does not model (newer spec fields, another platform's
/// sections, a tool's own additions) are kept here as read and written back unchanged, so a spec made by another tool
/// survives a parse and a write.
/// </summary>
public abstract class SpecObject
{
    /// <summary>Members of the JSON object that have no property here, by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
