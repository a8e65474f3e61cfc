using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>Programs the runtime runs at points of the container's life.</summary>
public sealed class HooksSpec : SpecObject
{
    /// <summary>Before the process starts, in the runtime's namespaces (deprecated by the spec).</summary>
    [JsonPropertyName("prestart")]
    public List<HookSpec>? Prestart { get; set; }

    /// <summary>After the container is created, before pivot_root, in the runtime's namespaces.</summary>
    [JsonPropertyName("createRuntime")]
    public List<HookSpec>? CreateRuntime { get; set; }

    /// <summary>After the container is created, before pivot_root, in the container's namespaces.</summary>
    [JsonPropertyName("createContainer")]
    public List<HookSpec>? CreateContainer { get; set; }

    /// <summary>Before the user's program starts, in the container.</summary>
    [JsonPropertyName("startContainer")]
    public List<HookSpec>? StartContainer { get; set; }

    /// <summary>After the process started.</summary>
    [JsonPropertyName("poststart")]
    public List<HookSpec>? Poststart { get; set; }

    /// <summary>After the container is deleted.</summary>
    [JsonPropertyName("poststop")]
    public List<HookSpec>? Poststop { get; set; }
}

/// <summary>One hook: a program, its arguments and environment.</summary>
public sealed class HookSpec : SpecObject
{
    /// <summary>The absolute path of the program.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    /// <summary>The arguments, argv[0] included.</summary>
    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    /// <summary>The environment.</summary>
    [JsonPropertyName("env")]
    public List<string>? Env { get; set; }

    /// <summary>Seconds before the hook is aborted.</summary>
    [JsonPropertyName("timeout")]
    public int? Timeout { get; set; }
}
