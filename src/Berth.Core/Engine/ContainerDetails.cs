namespace Berth.Core.Engine;

/// <summary>
/// A container as <c>docker inspect</c> and <c>docker ps</c> show it: what was asked (<see cref="Request"/>), what the
/// engine made of it with the image's defaults, and where it stands.
/// </summary>
/// <param name="Id">64 hex digits.</param>
/// <param name="Name">Without docker's leading slash.</param>
public sealed record ContainerDetails(string Id, string Name, ContainerCreate Request)
{
    /// <summary>When it was created.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>The image's full name, as the record keeps it (<c>docker.io/library/busybox:latest</c>).</summary>
    public string ImageName { get; init; } = string.Empty;

    /// <summary>The image's id: its config's digest.</summary>
    public string ImageId { get; init; } = string.Empty;

    /// <summary>The process's program and arguments, the image's defaults applied.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The entrypoint in effect (the flag's, else the image's).</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>The command in effect (the flag's, else the image's unless the entrypoint was replaced).</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>The environment in effect.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    /// <summary>The user in effect; empty for root by default.</summary>
    public string User { get; init; } = string.Empty;

    /// <summary>The working folder in effect; empty when the image sets none.</summary>
    public string WorkingDir { get; init; } = string.Empty;

    /// <summary>The container's hostname.</summary>
    public string Hostname { get; init; } = string.Empty;

    /// <summary>The image's labels, then the container's.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Core.Labels.LabelSet.Empty;

    /// <summary>The stop signal in effect.</summary>
    public string StopSignal { get; init; } = "SIGTERM";

    /// <summary>Where it stands.</summary>
    public ContainerState State { get; init; } = new(ContainerStatus.Created);

    /// <summary>How often the engine restarted it by its policy.</summary>
    public int RestartCount { get; init; }

    /// <summary>The json-file log.</summary>
    public string LogPath { get; init; } = string.Empty;

    /// <summary>The file bound over /etc/hostname; empty when there is none.</summary>
    public string HostnamePath { get; init; } = string.Empty;

    /// <summary>The file bound over /etc/hosts; empty when there is none.</summary>
    public string HostsPath { get; init; } = string.Empty;

    /// <summary>The file bound over /etc/resolv.conf; empty when there is none.</summary>
    public string ResolvConfPath { get; init; } = string.Empty;

    /// <summary>The cgroup path in the spec (<c>/&lt;namespace&gt;/&lt;id&gt;</c>).</summary>
    public string CgroupsPath { get; init; } = string.Empty;

    /// <summary>The snapshotter and key of its root filesystem.</summary>
    public string Snapshotter { get; init; } = string.Empty;

    /// <summary>The mounts the container gets beyond docker's defaults, as (type, source, destination, options).</summary>
    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];
}

/// <summary>A mount of the container: a bind, a volume or a tmpfs.</summary>
public sealed record ContainerMount(string Type, string Source, string Destination, bool ReadWrite, string Propagation)
{
    /// <summary>The volume's name, for a volume.</summary>
    public string Name { get; init; } = string.Empty;
}

/// <summary>docker's container states.</summary>
public enum ContainerStatus
{
    /// <summary>Made, never started.</summary>
    Created,

    /// <summary>Its process runs.</summary>
    Running,

    /// <summary>Frozen.</summary>
    Paused,

    /// <summary>Stopped, to be started again by its restart policy.</summary>
    Restarting,

    /// <summary>Being removed.</summary>
    Removing,

    /// <summary>Its process ended.</summary>
    Exited,

    /// <summary>Broken: could not be started or cleaned.</summary>
    Dead,
}

/// <summary>docker's <c>State</c>.</summary>
public sealed record ContainerState(ContainerStatus Status)
{
    /// <summary>The init process's pid on the host; 0 when it does not run.</summary>
    public int Pid { get; init; }

    /// <summary>The last exit code.</summary>
    public int ExitCode { get; init; }

    /// <summary>Why it could not start, in the runtime's words.</summary>
    public string Error { get; init; } = string.Empty;

    /// <summary>Killed by the kernel for memory.</summary>
    public bool OomKilled { get; init; }

    /// <summary>When it last started; null if never.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it last stopped; null if never.</summary>
    public DateTimeOffset? FinishedAt { get; init; }
}
