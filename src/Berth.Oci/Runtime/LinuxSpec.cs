using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>The Linux-specific part of a spec (the spec's <c>linux</c>).</summary>
public sealed class LinuxSpec : SpecObject
{
    /// <summary>User id mappings of a user namespace.</summary>
    [JsonPropertyName("uidMappings")]
    public List<LinuxIdMapping>? UidMappings { get; set; }

    /// <summary>Group id mappings of a user namespace.</summary>
    [JsonPropertyName("gidMappings")]
    public List<LinuxIdMapping>? GidMappings { get; set; }

    /// <summary>Kernel parameters set in the container's namespaces.</summary>
    [JsonPropertyName("sysctl")]
    public Dictionary<string, string>? Sysctl { get; set; }

    /// <summary>Cgroup limits.</summary>
    [JsonPropertyName("resources")]
    public LinuxResources? Resources { get; set; }

    /// <summary>The cgroup path, relative to the cgroup mounts (or <c>slice:prefix:name</c> for systemd).</summary>
    [JsonPropertyName("cgroupsPath")]
    public string? CgroupsPath { get; set; }

    /// <summary>Namespaces created (no path) or joined (a path).</summary>
    [JsonPropertyName("namespaces")]
    public List<LinuxNamespace>? Namespaces { get; set; }

    /// <summary>Device nodes created in the container, besides the default ones.</summary>
    [JsonPropertyName("devices")]
    public List<LinuxDevice>? Devices { get; set; }

    /// <summary>The seccomp filter; null runs the process unconfined.</summary>
    [JsonPropertyName("seccomp")]
    public LinuxSeccomp? Seccomp { get; set; }

    /// <summary>The propagation of the root mount: <c>private</c>, <c>rprivate</c>, <c>slave</c>…</summary>
    [JsonPropertyName("rootfsPropagation")]
    public string? RootfsPropagation { get; set; }

    /// <summary>Paths hidden in the container (a file by /dev/null, a folder by an empty read-only tmpfs).</summary>
    [JsonPropertyName("maskedPaths")]
    public List<string>? MaskedPaths { get; set; }

    /// <summary>Paths made read-only in the container.</summary>
    [JsonPropertyName("readonlyPaths")]
    public List<string>? ReadonlyPaths { get; set; }

    /// <summary>The SELinux context of the mounts.</summary>
    [JsonPropertyName("mountLabel")]
    public string? MountLabel { get; set; }

    /// <summary>Intel RDT (resctrl) settings.</summary>
    [JsonPropertyName("intelRdt")]
    public LinuxIntelRdt? IntelRdt { get; set; }

    /// <summary>The execution domain (personality(2)).</summary>
    [JsonPropertyName("personality")]
    public LinuxPersonality? Personality { get; set; }
}

/// <summary>A namespace the container gets: a new one, or the one at <see cref="Path"/>.</summary>
public sealed class LinuxNamespace : SpecObject
{
    /// <summary>The kind: one of <see cref="NamespaceTypes"/>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>The namespace to join, such as <c>/var/run/netns/x</c>; null creates a new one.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }
}

/// <summary>A device node made in the container.</summary>
public sealed class LinuxDevice : SpecObject
{
    /// <summary>Where the node goes in the container.</summary>
    [JsonPropertyName("path")]
    public string Path { get; set; } = string.Empty;

    /// <summary><c>c</c>, <c>b</c>, <c>u</c> or <c>p</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>The major number.</summary>
    [JsonPropertyName("major")]
    public long Major { get; set; }

    /// <summary>The minor number.</summary>
    [JsonPropertyName("minor")]
    public long Minor { get; set; }

    /// <summary>The permission bits.</summary>
    [JsonPropertyName("fileMode")]
    public uint? FileMode { get; set; }

    /// <summary>The owner.</summary>
    [JsonPropertyName("uid")]
    public uint? Uid { get; set; }

    /// <summary>The group.</summary>
    [JsonPropertyName("gid")]
    public uint? Gid { get; set; }
}

/// <summary>Intel Resource Director Technology settings.</summary>
public sealed class LinuxIntelRdt : SpecObject
{
    /// <summary>The resctrl class of service.</summary>
    [JsonPropertyName("closID")]
    public string? ClosId { get; set; }

    /// <summary>The L3 cache schema, <c>L3:&lt;id&gt;=&lt;mask&gt;;…</c>.</summary>
    [JsonPropertyName("l3CacheSchema")]
    public string? L3CacheSchema { get; set; }

    /// <summary>The memory bandwidth schema, <c>MB:&lt;id&gt;=&lt;bandwidth&gt;;…</c>.</summary>
    [JsonPropertyName("memBwSchema")]
    public string? MemBwSchema { get; set; }

    /// <summary>Whether cache monitoring is enabled.</summary>
    [JsonPropertyName("enableCMT"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EnableCmt { get; set; }

    /// <summary>Whether memory bandwidth monitoring is enabled.</summary>
    [JsonPropertyName("enableMBM"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool EnableMbm { get; set; }
}

/// <summary>The execution domain of the process.</summary>
public sealed class LinuxPersonality : SpecObject
{
    /// <summary><c>LINUX</c> or <c>LINUX32</c>.</summary>
    [JsonPropertyName("domain")]
    public string Domain { get; set; } = string.Empty;

    /// <summary>Additional flags.</summary>
    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }
}
