using Berth.Core.Containers;
using Berth.Core.Metadata;

namespace Berth.Core.Tasks;

/// <summary>
/// The tasks of berthd (containerd's Tasks service): a container's running instance, each served by its own shim, which
/// outlives the daemon. A task's id is its container's id; <c>execId</c> empty names the task's init process. Every call
/// works within the given scope's namespace, where the container must exist.
/// </summary>
public interface ITaskManager
{
    /// <summary>Starts the container's shim and creates the task in it; AlreadyExists if the container has a task.</summary>
    ValueTask<ProcessState> CreateAsync(INamespaceScope scope, TaskCreate request, CancellationToken cancellationToken = default);

    /// <summary>Starts the init process or a created exec process; returns its pid.</summary>
    ValueTask<uint> StartAsync(INamespaceScope scope, string containerId, string execId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a stopped task (FailedPrecondition if it runs), its shim and its bundle.</summary>
    ValueTask<ProcessExit> DeleteAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an exited exec process of a task.</summary>
    ValueTask<ProcessExit> DeleteProcessAsync(INamespaceScope scope, string containerId, string execId, CancellationToken cancellationToken = default);

    /// <summary>The state of a task's init process or of one of its exec processes; NotFound if none.</summary>
    ValueTask<ProcessState> GetAsync(INamespaceScope scope, string containerId, string execId, CancellationToken cancellationToken = default);

    /// <summary>The init processes of the namespace's tasks.</summary>
    IAsyncEnumerable<ProcessState> ListAsync(INamespaceScope scope, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal to a process, or to every process of the task with <paramref name="all"/>.</summary>
    ValueTask KillAsync(INamespaceScope scope, string containerId, string execId, uint signal, bool all, CancellationToken cancellationToken = default);

    /// <summary>Adds an exec process (an OCI process spec, packed) to a running task; it starts with <see cref="StartAsync"/>.</summary>
    ValueTask ExecAsync(INamespaceScope scope, string containerId, string execId, ProcessIo io, PackedMessage spec,
        CancellationToken cancellationToken = default);

    /// <summary>Sets the window size of a process's terminal.</summary>
    ValueTask ResizePtyAsync(INamespaceScope scope, string containerId, string execId, uint width, uint height, CancellationToken cancellationToken = default);

    /// <summary>Closes a process's stdin.</summary>
    ValueTask CloseIOAsync(INamespaceScope scope, string containerId, string execId, bool stdin, CancellationToken cancellationToken = default);

    /// <summary>Freezes every process of a running task.</summary>
    ValueTask PauseAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default);

    /// <summary>Thaws a paused task.</summary>
    ValueTask ResumeAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default);

    /// <summary>The processes inside a task.</summary>
    ValueTask<IReadOnlyList<ProcessInfo>> ListPidsAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default);

    /// <summary>Changes a running task's resources (a packed OCI <c>LinuxResources</c>) and annotations.</summary>
    ValueTask UpdateAsync(INamespaceScope scope, string containerId, PackedMessage? resources, IReadOnlyDictionary<string, string> annotations,
        CancellationToken cancellationToken = default);

    /// <summary>The metrics of the tasks matching any filter (field <c>id</c>); of all tasks without filters.</summary>
    ValueTask<IReadOnlyList<TaskMetric>> MetricsAsync(INamespaceScope scope, IReadOnlyList<string> filters, CancellationToken cancellationToken = default);

    /// <summary>Answers when the process has exited.</summary>
    ValueTask<ProcessExit> WaitAsync(INamespaceScope scope, string containerId, string execId, CancellationToken cancellationToken = default);
}
