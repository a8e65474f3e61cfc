using Berth.Core.Containers.Options;
using Berth.Core.Labels;

namespace Berth.Core.Engine;

/// <summary>What <c>docker create</c> asks for: the image, the spec's options and the engine's own settings.</summary>
/// <param name="Image">The image as the user typed it (<c>busybox</c>), normalised by the engine.</param>
public sealed record ContainerCreate(string Image)
{
    /// <summary><c>--name</c>; a generated one when null.</summary>
    public string? Name { get; init; }

    /// <summary>The process, mounts, limits and security of the container.</summary>
    public ContainerSpecOptions Spec { get; init; } = new();

    /// <summary><c>--label</c>s.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = LabelSet.Empty;

    /// <summary><c>--restart</c>.</summary>
    public RestartPolicy Restart { get; init; } = RestartPolicy.No;

    /// <summary><c>--rm</c>: removed by the engine when it stops.</summary>
    public bool AutoRemove { get; init; }

    /// <summary><c>--log-opt</c>s of the json-file log (<c>max-size</c>, <c>max-file</c>).</summary>
    public IReadOnlyDictionary<string, string> LogOptions { get; init; } = LabelSet.Empty;

    /// <summary><c>--stop-signal</c>; the image's, else SIGTERM, when null.</summary>
    public string? StopSignal { get; init; }

    /// <summary><c>--stop-timeout</c> in seconds; 10 when null.</summary>
    public int? StopTimeout { get; init; }

    /// <summary><c>-i</c>: the container gets a stdin that attachments write to.</summary>
    public bool OpenStdin { get; init; }

    /// <summary>Stdin closes when the first attachment that wrote to it ends (docker sets it for <c>run -i</c>).</summary>
    public bool StdinOnce { get; init; }

    /// <summary>Whether the client attached the container's stdout (docker's Config.AttachStdout: not with <c>run -d</c>).</summary>
    public bool AttachStdout { get; init; } = true;

    /// <summary>Whether the client attached the container's stderr (docker's Config.AttachStderr).</summary>
    public bool AttachStderr { get; init; } = true;

    /// <summary>Named and anonymous volumes (<c>-v name:/path</c>, <c>-v /path</c>, <c>--mount type=volume</c>).</summary>
    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];

    /// <summary><c>--init</c>: an init (tini) as the container's first process, which forwards signals and reaps.</summary>
    public bool Init { get; init; }

    /// <summary><c>--runtime</c>: <c>runc</c>, <c>crun</c> or a path; the daemon's default when null.</summary>
    public string? Runtime { get; init; }

    /// <summary><c>--platform</c> (<c>os/arch[/variant]</c>) the image must be for; this machine's when null.</summary>
    public string? Platform { get; init; }
}

/// <summary>What create answers.</summary>
/// <param name="Id">The new container's id (64 hex digits).</param>
/// <param name="Warnings">What the user should know (a limit the host cannot apply).</param>
public sealed record ContainerCreated(string Id, IReadOnlyList<string> Warnings);

/// <summary>The streams an attachment takes.</summary>
public sealed record AttachStreams(bool Stdin, bool Stdout, bool Stderr);

/// <summary>What a wait waits for, in docker's words: <c>not-running</c>, <c>next-exit</c>, <c>removed</c>.</summary>
public enum WaitCondition
{
    /// <summary>Answers at once for a container that does not run.</summary>
    NotRunning,

    /// <summary>Answers at the next exit.</summary>
    NextExit,

    /// <summary>Answers once the container is gone.</summary>
    Removed,
}

/// <summary>How a container ended: its code, and the engine's error if it could not run.</summary>
public sealed record ContainerExit(int ExitCode, string? Error = null);

/// <summary>What <c>docker logs</c> asks for.</summary>
public sealed record LogsRequest(bool Follow = false, int? Tail = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null);
