using Berth.Core.Containers;
using Berth.Core.Tasks;

namespace Berth.Client;

/// <summary>
/// The tasks of one namespace (containerd's Tasks service): a container's running instance, its init process (exec id
/// empty) and the processes exec'd into it. Errors come back as the daemon raised them (NotFound, FailedPrecondition…).
/// </summary>
public interface ITaskClient
{
    /// <summary>Starts the container's shim and creates the task in it; the returned state is Created.</summary>
    ValueTask<ProcessState> CreateAsync(TaskCreate request, CancellationToken cancellationToken = default);

    /// <summary>Starts the init process or a created exec process; returns its pid.</summary>
    ValueTask<uint> StartAsync(string containerId, string execId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stopped task, its shim and its bundle; returns how it ended.</summary>
    ValueTask<ProcessExit> DeleteAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an exited exec process.</summary>
    ValueTask<ProcessExit> DeleteProcessAsync(string containerId, string execId, CancellationToken cancellationToken = default);

    /// <summary>The state of the init process or of an exec process.</summary>
    ValueTask<ProcessState> GetAsync(string containerId, string execId, CancellationToken cancellationToken = default);

    /// <summary>The init processes of the namespace's tasks.</summary>
    IAsyncEnumerable<ProcessState> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends a signal to a process, or to every process of the task with <paramref name="all"/>.</summary>
    ValueTask KillAsync(string containerId, string execId, uint signal, bool all, CancellationToken cancellationToken = default);

    /// <summary>Adds an exec process (a packed OCI process spec); it starts with <see cref="StartAsync"/>.</summary>
    ValueTask ExecAsync(string containerId, string execId, ProcessIo io, PackedMessage spec, CancellationToken cancellationToken = default);

    /// <summary>Sets the window size of a process's terminal.</summary>
    ValueTask ResizePtyAsync(string containerId, string execId, uint width, uint height, CancellationToken cancellationToken = default);

    /// <summary>Closes a process's stdin.</summary>
    ValueTask CloseIOAsync(string containerId, string execId, bool stdin, CancellationToken cancellationToken = default);

    /// <summary>Freezes every process of a running task.</summary>
    ValueTask PauseAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>Thaws a paused task.</summary>
    ValueTask ResumeAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>The processes inside a task.</summary>
    ValueTask<IReadOnlyList<ProcessInfo>> ListPidsAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>Changes a running task's resources (a packed OCI <c>LinuxResources</c>) and annotations.</summary>
    ValueTask UpdateAsync(string containerId, PackedMessage? resources, IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken = default);

    /// <summary>The metrics of the tasks matching any filter (<c>id==…</c>); of all tasks without filters.</summary>
    ValueTask<IReadOnlyList<TaskMetric>> MetricsAsync(IReadOnlyList<string> filters, CancellationToken cancellationToken = default);

    /// <summary>Answers when the process has exited: its status and time (the pid is not reported).</summary>
    ValueTask<ProcessExit> WaitAsync(string containerId, string execId, CancellationToken cancellationToken = default);
}
