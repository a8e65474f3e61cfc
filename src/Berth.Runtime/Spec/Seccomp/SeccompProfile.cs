using System.Text.Json.Serialization;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec.Seccomp;

/// <summary>
/// A seccomp profile in docker's format (what <c>--security-opt seccomp=profile.json</c> reads): the OCI filter plus
/// rules that apply only for some architectures, capabilities or kernels, and an architecture map from which the
/// native architecture's entry is taken.
/// </summary>
public sealed class SeccompProfile
{
    /// <summary>The action for syscalls no rule matches.</summary>
    [JsonPropertyName("defaultAction")]
    public string DefaultAction { get; set; } = string.Empty;

    /// <summary>The errno of the default action.</summary>
    [JsonPropertyName("defaultErrnoRet")]
    public uint? DefaultErrnoRet { get; set; }

    /// <summary>The architectures, as in the OCI filter (older profiles); excludes <see cref="ArchMap"/>.</summary>
    [JsonPropertyName("architectures")]
    public List<string>? Architectures { get; set; }

    /// <summary>Architectures with the sub-architectures their processes may also use.</summary>
    [JsonPropertyName("archMap")]
    public List<SeccompArchitecture>? ArchMap { get; set; }

    /// <summary>The rules.</summary>
    [JsonPropertyName("syscalls")]
    public List<SeccompRule>? Syscalls { get; set; }

    /// <summary>seccomp(2) flags.</summary>
    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    /// <summary>The socket of a seccomp agent.</summary>
    [JsonPropertyName("listenerPath")]
    public string? ListenerPath { get; set; }

    /// <summary>Opaque data for the agent.</summary>
    [JsonPropertyName("listenerMetadata")]
    public string? ListenerMetadata { get; set; }
}

/// <summary>An architecture (<c>SCMP_ARCH_X86_64</c>) and its sub-architectures (<c>SCMP_ARCH_X86</c>, <c>SCMP_ARCH_X32</c>).</summary>
public sealed class SeccompArchitecture
{
    /// <summary>The main architecture.</summary>
    [JsonPropertyName("architecture")]
    public string Architecture { get; set; } = string.Empty;

    /// <summary>The others its processes may use.</summary>
    [JsonPropertyName("subArchitectures")]
    public List<string>? SubArchitectures { get; set; }
}

/// <summary>A rule of a docker profile: an OCI rule with conditions on the host and the container.</summary>
public sealed class SeccompRule
{
    /// <summary>One syscall (older profiles); excludes <see cref="Names"/>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The syscalls.</summary>
    [JsonPropertyName("names")]
    public List<string>? Names { get; set; }

    /// <summary>The action.</summary>
    [JsonPropertyName("action")]
    public string Action { get; set; } = string.Empty;

    /// <summary>The errno of an errno action.</summary>
    [JsonPropertyName("errnoRet")]
    public uint? ErrnoRet { get; set; }

    /// <summary>Conditions on the arguments.</summary>
    [JsonPropertyName("args")]
    public List<LinuxSeccompArg>? Args { get; set; }

    /// <summary>Why the rule exists.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    /// <summary>The rule applies only when all of these hold.</summary>
    [JsonPropertyName("includes")]
    public SeccompFilter? Includes { get; set; }

    /// <summary>The rule does not apply when any of these holds.</summary>
    [JsonPropertyName("excludes")]
    public SeccompFilter? Excludes { get; set; }
}

/// <summary>Conditions of a rule: capabilities of the container, the host's architecture, the host's kernel.</summary>
public sealed class SeccompFilter
{
    /// <summary>Capabilities (<c>CAP_SYS_ADMIN</c>) in the container's bounding set.</summary>
    [JsonPropertyName("caps")]
    public List<string>? Caps { get; set; }

    /// <summary>Architectures in libseccomp's names (<c>amd64</c>, <c>arm64</c>, <c>x86</c>, <c>s390x</c>…).</summary>
    [JsonPropertyName("arches")]
    public List<string>? Arches { get; set; }

    /// <summary>The lowest kernel, as <c>major.minor</c>.</summary>
    [JsonPropertyName("minKernel")]
    public string? MinKernel { get; set; }
}

/// <summary>Source-generated JSON of docker's profile format.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(SeccompProfile))]
internal sealed partial class SeccompProfileJsonContext : JsonSerializerContext;
