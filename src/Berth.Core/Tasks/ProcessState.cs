namespace Berth.Core.Tasks;

/// <summary>Where a process stands; the values are containerd's task status on the wire.</summary>
public enum ProcessStatus
{
    /// <summary>Not known (a shim that does not answer).</summary>
    Unknown = 0,

    /// <summary>Created, not started.</summary>
    Created = 1,

    /// <summary>Started and running.</summary>
    Running = 2,

    /// <summary>Exited.</summary>
    Stopped = 3,

    /// <summary>Frozen.</summary>
    Paused = 4,

    /// <summary>Being frozen.</summary>
    Pausing = 5,
}

/// <summary>
/// A process's stdio as paths the client made (FIFOs, <c>file://</c> paths or a <c>binary://</c> logger), as in containerd;
/// empty for a stream the process does not get.
/// </summary>
public sealed record ProcessIo(string Stdin, string Stdout, string Stderr, bool Terminal)
{
    /// <summary>No stdio at all.</summary>
    public static ProcessIo None { get; } = new(string.Empty, string.Empty, string.Empty, false);
}

/// <summary>A task's init process (<see cref="ExecId"/> empty) or one of its exec processes.</summary>
/// <param name="ContainerId">The container the task belongs to (a task's id is its container's).</param>
/// <param name="ExitedAt">When it exited; null while it has not.</param>
public sealed record ProcessState(
    string ContainerId, string ExecId, uint Pid, ProcessStatus Status, ProcessIo Io, uint ExitStatus, DateTimeOffset? ExitedAt);

/// <summary>How a process ended, as Delete and Wait report it.</summary>
public sealed record ProcessExit(string Id, uint Pid, uint ExitStatus, DateTimeOffset ExitedAt);

/// <summary>One process of a task, as ListPids reports it; <paramref name="Info"/> is the runtime's own details.</summary>
public sealed record ProcessInfo(uint Pid, Containers.PackedMessage? Info);

/// <summary>A task's resource figures at one moment (packed cgroup metrics for runc tasks).</summary>
public sealed record TaskMetric(string Id, DateTimeOffset Timestamp, Containers.PackedMessage Data);
