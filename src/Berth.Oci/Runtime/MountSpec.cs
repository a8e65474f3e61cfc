using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>A mount made inside the container.</summary>
public sealed class MountSpec : SpecObject
{
    /// <summary>Where the mount goes, absolute inside the container.</summary>
    [JsonPropertyName("destination")]
    public string Destination { get; set; } = string.Empty;

    /// <summary>The filesystem type, such as <c>proc</c>, <c>tmpfs</c> or <c>bind</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The device, path or name mounted.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    /// <summary>fstab-style options, such as <c>rbind</c>, <c>ro</c> or <c>size=65536k</c>.</summary>
    [JsonPropertyName("options")]
    public List<string>? Options { get; set; }

    /// <summary>The user id mapping of an id-mapped mount.</summary>
    [JsonPropertyName("uidMappings")]
    public List<LinuxIdMapping>? UidMappings { get; set; }

    /// <summary>The group id mapping of an id-mapped mount.</summary>
    [JsonPropertyName("gidMappings")]
    public List<LinuxIdMapping>? GidMappings { get; set; }
}

/// <summary>A range of ids mapped between the container and the host.</summary>
public sealed class LinuxIdMapping : SpecObject
{
    /// <summary>The first id in the container.</summary>
    [JsonPropertyName("containerID")]
    public uint ContainerId { get; set; }

    /// <summary>The first id on the host.</summary>
    [JsonPropertyName("hostID")]
    public uint HostId { get; set; }

    /// <summary>How many ids are mapped.</summary>
    [JsonPropertyName("size")]
    public uint Size { get; set; }
}
