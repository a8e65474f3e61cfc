using Berth.Core.Logs;
using Berth.Core.Metadata;

namespace Berth.Core.Engine;

/// <summary>
/// Containers as docker's engine keeps them, on top of containerd's records and tasks: names, a json-file log per
/// container, attachable stdio, restart policies, automatic removal. Containers are named by id, unique id prefix or
/// name, within the scope's namespace. Errors are berth's closed set, worded as dockerd words them.
/// </summary>
public interface IContainerEngine
{
    /// <summary>
    /// Makes a container from an image of the namespace (NotFound <c>No such image: …</c> when it is missing: the
    /// client pulls and asks again): its record, its snapshot and its spec. AlreadyExists when the name is taken.
    /// </summary>
    ValueTask<ContainerCreated> CreateAsync(INamespaceScope scope, ContainerCreate request, CancellationToken cancellationToken = default);

    /// <summary>Starts a created or stopped container; nothing when it runs already.</summary>
    ValueTask StartAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches to a container's stdio. Output sent from now on reaches the attachment until the container's
    /// streams close (or the attachment is disposed); attaching before <see cref="StartAsync"/> misses nothing.
    /// </summary>
    ValueTask<IContainerAttachment> AttachAsync(INamespaceScope scope, string container, AttachStreams streams, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a process in a running container (FailedPrecondition <c>Container … is not running</c> otherwise) and
    /// returns its session, attached to all its streams from its start. A command that cannot run fails here, with the
    /// runtime's words (<c>executable file not found</c>, <c>permission denied</c>).
    /// </summary>
    ValueTask<IExecSession> ExecAsync(INamespaceScope scope, string container, ExecRequest request, CancellationToken cancellationToken = default);

    /// <summary>Answers when the container reaches the condition, with its last exit code.</summary>
    ValueTask<ContainerExit> WaitAsync(INamespaceScope scope, string container, WaitCondition condition, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends <paramref name="signal"/> (else the container's stop signal, else SIGTERM), then SIGKILL after the timeout
    /// (the call's, else the container's, else 10 s; negative waits for ever); a stopped container is left as it is.
    /// No restart policy applies after.
    /// </summary>
    ValueTask StopAsync(INamespaceScope scope, string container, int? timeoutSeconds, string? signal = null, CancellationToken cancellationToken = default);

    /// <summary>Stops the container as <see cref="StopAsync"/> does when it runs, then starts it again (docker's restart).</summary>
    ValueTask RestartAsync(INamespaceScope scope, string container, int? timeoutSeconds, string? signal = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal (a name such as <c>KILL</c> or <c>SIGHUP</c>, or a number; SIGKILL when empty) to a running container.</summary>
    ValueTask KillAsync(INamespaceScope scope, string container, string signal, CancellationToken cancellationToken = default);

    /// <summary>Freezes a running container (FailedPrecondition when it does not run or is paused already).</summary>
    ValueTask PauseAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default);

    /// <summary>Thaws a paused container (FailedPrecondition when it is not paused).</summary>
    ValueTask UnpauseAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default);

    /// <summary>Gives a container another name (AlreadyExists when it is taken).</summary>
    ValueTask RenameAsync(INamespaceScope scope, string container, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a container; a running one only with <paramref name="force"/> (killed first); with
    /// <paramref name="volumes"/> its anonymous volumes too.
    /// </summary>
    ValueTask RemoveAsync(INamespaceScope scope, string container, bool force, bool volumes = false, CancellationToken cancellationToken = default);

    /// <summary>The namespace's containers, newest first.</summary>
    IAsyncEnumerable<ContainerDetails> ListAsync(INamespaceScope scope, CancellationToken cancellationToken = default);

    /// <summary>One container; NotFound <c>No such container: …</c>.</summary>
    ValueTask<ContainerDetails> InspectAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default);

    /// <summary>The container's log entries; with <see cref="LogsRequest.Follow"/>, new ones until the container stops.</summary>
    IAsyncEnumerable<LogEntry> LogsAsync(INamespaceScope scope, string container, LogsRequest request, CancellationToken cancellationToken = default);
}
