using Berth.Core.Engine;
using Berth.Core.Logs;

namespace Berth.Client;

/// <summary>
/// berthd's container engine (<c>berth.containers.v1.Engine</c>) for one namespace: <see cref="IContainerEngine"/>
/// without the scope, which the namespace header carries. A container is named by id, unique id prefix or name.
/// </summary>
public interface IContainerEngineClient
{
    /// <summary>Makes a container; NotFound <c>No such image: …</c> when the image is not in the namespace.</summary>
    ValueTask<ContainerCreated> CreateAsync(ContainerCreate request, CancellationToken cancellationToken = default);

    /// <summary>Starts a created or stopped container.</summary>
    ValueTask StartAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Attaches to the container's stdio; returns once attached, so a start after it misses no output.</summary>
    ValueTask<IContainerAttachment> AttachAsync(string container, AttachStreams streams, CancellationToken cancellationToken = default);

    /// <summary>Starts a process in a running container; the session carries its stdio and exit code.</summary>
    ValueTask<IExecSession> ExecAsync(string container, ExecRequest request, CancellationToken cancellationToken = default);

    /// <summary>Answers when the container reaches the condition.</summary>
    ValueTask<ContainerExit> WaitAsync(string container, WaitCondition condition, CancellationToken cancellationToken = default);

    /// <summary>Stops the container: its stop signal, then SIGKILL after the timeout.</summary>
    ValueTask StopAsync(string container, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default);

    /// <summary>Stops the container if it runs, then starts it again.</summary>
    ValueTask RestartAsync(string container, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a signal to a running container.</summary>
    ValueTask KillAsync(string container, string signal, CancellationToken cancellationToken = default);

    /// <summary>Freezes a running container.</summary>
    ValueTask PauseAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Thaws a paused container.</summary>
    ValueTask UnpauseAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>Gives a container another name.</summary>
    ValueTask RenameAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Removes a container (a running one only with <paramref name="force"/>).</summary>
    ValueTask RemoveAsync(string container, bool force = false, bool volumes = false, CancellationToken cancellationToken = default);

    /// <summary>The namespace's containers, newest first.</summary>
    ValueTask<IReadOnlyList<ContainerDetails>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One container.</summary>
    ValueTask<ContainerDetails> InspectAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>The container's log; with follow, until it stops.</summary>
    IAsyncEnumerable<LogEntry> LogsAsync(string container, LogsRequest request, CancellationToken cancellationToken = default);
}
