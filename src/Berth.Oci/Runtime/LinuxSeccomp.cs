using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>A seccomp filter: a default action and rules by syscall.</summary>
public sealed class LinuxSeccomp : SpecObject
{
    /// <summary>What happens to a syscall no rule matches: one of <see cref="SeccompActions"/>.</summary>
    [JsonPropertyName("defaultAction")]
    public string DefaultAction { get; set; } = string.Empty;

    /// <summary>The errno of the default action when it is <c>SCMP_ACT_ERRNO</c> (EPERM when null).</summary>
    [JsonPropertyName("defaultErrnoRet")]
    public uint? DefaultErrnoRet { get; set; }

    /// <summary>The architectures the filter covers, such as <c>SCMP_ARCH_X86_64</c>.</summary>
    [JsonPropertyName("architectures")]
    public List<string>? Architectures { get; set; }

    /// <summary>seccomp(2) flags, such as <c>SECCOMP_FILTER_FLAG_LOG</c>.</summary>
    [JsonPropertyName("flags")]
    public List<string>? Flags { get; set; }

    /// <summary>The socket of a seccomp agent (<c>SCMP_ACT_NOTIFY</c>).</summary>
    [JsonPropertyName("listenerPath")]
    public string? ListenerPath { get; set; }

    /// <summary>Opaque data sent to the agent.</summary>
    [JsonPropertyName("listenerMetadata")]
    public string? ListenerMetadata { get; set; }

    /// <summary>The rules.</summary>
    [JsonPropertyName("syscalls")]
    public List<LinuxSyscall>? Syscalls { get; set; }
}

/// <summary>A seccomp rule: what happens to the named syscalls when all its argument conditions hold.</summary>
public sealed class LinuxSyscall : SpecObject
{
    /// <summary>The syscalls, by name.</summary>
    [JsonPropertyName("names")]
    public List<string> Names { get; set; } = [];

    /// <summary>One of <see cref="SeccompActions"/>.</summary>
    [JsonPropertyName("action")]
    public string Action { get; set; } = string.Empty;

    /// <summary>The errno of an <c>SCMP_ACT_ERRNO</c> action (EPERM when null).</summary>
    [JsonPropertyName("errnoRet")]
    public uint? ErrnoRet { get; set; }

    /// <summary>Conditions on the arguments, all of which must hold.</summary>
    [JsonPropertyName("args")]
    public List<LinuxSeccompArg>? Args { get; set; }
}

/// <summary>A condition on one syscall argument.</summary>
public sealed class LinuxSeccompArg : SpecObject
{
    /// <summary>The argument's position, from 0.</summary>
    [JsonPropertyName("index")]
    public uint Index { get; set; }

    /// <summary>The value compared with (the mask for <c>SCMP_CMP_MASKED_EQ</c>).</summary>
    [JsonPropertyName("value")]
    public ulong Value { get; set; }

    /// <summary>The second value (the expected masked value for <c>SCMP_CMP_MASKED_EQ</c>).</summary>
    [JsonPropertyName("valueTwo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public ulong ValueTwo { get; set; }

    /// <summary>One of <see cref="SeccompOperators"/>.</summary>
    [JsonPropertyName("op")]
    public string Op { get; set; } = string.Empty;
}
