using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>
/// An OCI runtime spec, the <c>config.json</c> of a bundle (runtime-spec 1.0.2 and 1.1, as runc 1.1 and crun 1.8 read
/// it). Property names are the spec's; null members are left out when written.
/// </summary>
public sealed class RuntimeSpec : SpecObject
{
    /// <summary>The runtime-spec version berth writes.</summary>
    public const string CurrentVersion = "1.0.2-dev";

    /// <summary>The version of the spec the bundle complies with.</summary>
    [JsonPropertyName("ociVersion")]
    public string OciVersion { get; set; } = CurrentVersion;

    /// <summary>The container's process.</summary>
    [JsonPropertyName("process")]
    public ProcessSpec? Process { get; set; }

    /// <summary>The root filesystem.</summary>
    [JsonPropertyName("root")]
    public RootSpec? Root { get; set; }

    /// <summary>The container's hostname (needs a UTS namespace).</summary>
    [JsonPropertyName("hostname")]
    public string? Hostname { get; set; }

    /// <summary>The container's NIS domain name (needs a UTS namespace).</summary>
    [JsonPropertyName("domainname")]
    public string? Domainname { get; set; }

    /// <summary>Mounts made on top of the root, in order.</summary>
    [JsonPropertyName("mounts")]
    public List<MountSpec>? Mounts { get; set; }

    /// <summary>Programs run at points of the container's life.</summary>
    [JsonPropertyName("hooks")]
    public HooksSpec? Hooks { get; set; }

    /// <summary>Free-form metadata.</summary>
    [JsonPropertyName("annotations")]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>The Linux-specific configuration.</summary>
    [JsonPropertyName("linux")]
    public LinuxSpec? Linux { get; set; }
}

/// <summary>The container's root filesystem.</summary>
public sealed class RootSpec : SpecObject
{
    /// <summary>The root's path, absolute or relative to the bundle.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    /// <summary>Whether the root is made read-only.</summary>
    [JsonPropertyName("readonly"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Readonly { get; set; }
}
