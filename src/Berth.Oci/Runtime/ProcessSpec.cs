using System.Text.Json.Serialization;

namespace Berth.Oci.Runtime;

/// <summary>The process a container runs (the spec's <c>process</c>).</summary>
public sealed class ProcessSpec : SpecObject
{
    /// <summary>Whether the process gets a terminal.</summary>
    [JsonPropertyName("terminal"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Terminal { get; set; }

    /// <summary>The terminal's size.</summary>
    [JsonPropertyName("consoleSize")]
    public ConsoleSize? ConsoleSize { get; set; }

    /// <summary>Who the process runs as.</summary>
    [JsonPropertyName("user")]
    public UserSpec User { get; set; } = new();

    /// <summary>The program and its arguments.</summary>
    [JsonPropertyName("args")]
    public List<string>? Args { get; set; }

    /// <summary>The environment, <c>NAME=value</c> each.</summary>
    [JsonPropertyName("env")]
    public List<string>? Env { get; set; }

    /// <summary>The working folder, absolute inside the container.</summary>
    [JsonPropertyName("cwd")]
    public string Cwd { get; set; } = string.Empty;

    /// <summary>The capabilities the process keeps.</summary>
    [JsonPropertyName("capabilities")]
    public LinuxCapabilities? Capabilities { get; set; }

    /// <summary>Resource limits set with setrlimit(2).</summary>
    [JsonPropertyName("rlimits")]
    public List<PosixRlimit>? Rlimits { get; set; }

    /// <summary>Whether no_new_privs is set, so that setuid programs and file capabilities give nothing more.</summary>
    [JsonPropertyName("noNewPrivileges"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool NoNewPrivileges { get; set; }

    /// <summary>The AppArmor profile.</summary>
    [JsonPropertyName("apparmorProfile")]
    public string? ApparmorProfile { get; set; }

    /// <summary>The process's oom_score_adj.</summary>
    [JsonPropertyName("oomScoreAdj")]
    public int? OomScoreAdj { get; set; }

    /// <summary>The SELinux label of the process.</summary>
    [JsonPropertyName("selinuxLabel")]
    public string? SelinuxLabel { get; set; }
}

/// <summary>The size of a terminal.</summary>
public sealed class ConsoleSize : SpecObject
{
    /// <summary>Rows.</summary>
    [JsonPropertyName("height")]
    public uint Height { get; set; }

    /// <summary>Columns.</summary>
    [JsonPropertyName("width")]
    public uint Width { get; set; }
}

/// <summary>The identity of the process.</summary>
public sealed class UserSpec : SpecObject
{
    /// <summary>The user id.</summary>
    [JsonPropertyName("uid")]
    public uint Uid { get; set; }

    /// <summary>The group id.</summary>
    [JsonPropertyName("gid")]
    public uint Gid { get; set; }

    /// <summary>The umask of the process.</summary>
    [JsonPropertyName("umask")]
    public uint? Umask { get; set; }

    /// <summary>Supplementary group ids.</summary>
    [JsonPropertyName("additionalGids")]
    public List<uint>? AdditionalGids { get; set; }
}

/// <summary>The five capability sets, as <c>CAP_*</c> names.</summary>
public sealed class LinuxCapabilities : SpecObject
{
    /// <summary>The bounding set.</summary>
    [JsonPropertyName("bounding")]
    public List<string>? Bounding { get; set; }

    /// <summary>The effective set.</summary>
    [JsonPropertyName("effective")]
    public List<string>? Effective { get; set; }

    /// <summary>The inheritable set.</summary>
    [JsonPropertyName("inheritable")]
    public List<string>? Inheritable { get; set; }

    /// <summary>The permitted set.</summary>
    [JsonPropertyName("permitted")]
    public List<string>? Permitted { get; set; }

    /// <summary>The ambient set.</summary>
    [JsonPropertyName("ambient")]
    public List<string>? Ambient { get; set; }
}

/// <summary>One resource limit.</summary>
public sealed class PosixRlimit : SpecObject
{
    /// <summary>The limit, such as <c>RLIMIT_NOFILE</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    /// <summary>The hard limit.</summary>
    [JsonPropertyName("hard")]
    public ulong Hard { get; set; }

    /// <summary>The soft limit.</summary>
    [JsonPropertyName("soft")]
    public ulong Soft { get; set; }
}
