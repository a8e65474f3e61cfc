namespace Berth.Shim.Processes;

/// <summary>The lifecycle of a shim process (containerd's init and exec states).</summary>
internal enum ProcessStatus
{
    Created,
    Running,
    Paused,
    Stopped,
    /// <summary>Deleted from the runtime; reported as stopped.</summary>
    Deleted,
}

/// <summary>Which operations each status allows (containerd's init_state.go and exec_state.go).</summary>
internal static class ProcessStatusRules
{
    public static bool CanStart(this ProcessStatus status) => status is ProcessStatus.Created;

    public static bool CanDelete(this ProcessStatus status) => status is ProcessStatus.Created or ProcessStatus.Stopped;

    public static bool CanPause(this ProcessStatus status) => status is ProcessStatus.Running;

    public static bool CanResume(this ProcessStatus status) => status is ProcessStatus.Paused;

    public static bool CanExec(this ProcessStatus status) => status is ProcessStatus.Created or ProcessStatus.Running;

    public static bool CanUpdate(this ProcessStatus status) => status is ProcessStatus.Created or ProcessStatus.Running or ProcessStatus.Paused;

    /// <summary>Created, Running and Paused end in Stopped when the process exits.</summary>
    public static bool IsAlive(this ProcessStatus status) => status is ProcessStatus.Created or ProcessStatus.Running or ProcessStatus.Paused;

    /// <summary>The word containerd uses in its messages ("cannot start a running process").</summary>
    public static string Word(this ProcessStatus status) => status.ToString().ToLowerInvariant();
}
