using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Core.Metadata;

namespace Berth.Services.Tests.Engine;

/// <summary>
/// An <see cref="IContainerEngine"/> that records what reaches it (namespace, method, arguments) and answers from what
/// the test set up; unknown containers are NotFound in dockerd's words.
/// </summary>
internal sealed class FakeContainerEngine : IContainerEngine
{
    public ConcurrentQueue<(string Namespace, string Call)> Calls { get; } = new();

    public ContainerCreate? LastCreate { get; private set; }

    public ContainerCreated Created { get; init; } = new(new string('c', 64), ["your kernel does not support swap limit capabilities"]);

    public List<ContainerDetails> Containers { get; } = [];

    public ContainerExit Exit { get; init; } = new(0);

    public List<LogEntry> Log { get; } = [];

    public LogsRequest? LastLogsRequest { get; private set; }

    public FakeAttachment Attachment { get; } = new(tty: true);

    public AttachStreams? LastAttachStreams { get; private set; }

    /// <summary>Set when an attach reached the engine; the attach answers only once <see cref="AttachGate"/> is open.</summary>
    public TaskCompletionSource AttachRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource AttachGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeExecSession Exec { get; } = new("e1" + new string('e', 62), tty: false);

    public ExecRequest? LastExec { get; private set; }

    /// <summary>Set when an exec reached the engine; the process "runs" only once <see cref="ExecGate"/> is open.</summary>
    public TaskCompletionSource ExecRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource ExecGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<ContainerCreated> CreateAsync(INamespaceScope scope, ContainerCreate request, CancellationToken cancellationToken = default)
    {
        Note(scope, $"create {request.Image}");
        LastCreate = request;
        return ValueTask.FromResult(Created);
    }

    public ValueTask StartAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
        => Record(scope, $"start {Find(container).Id}");

    public async ValueTask<IContainerAttachment> AttachAsync(INamespaceScope scope, string container, AttachStreams streams,
        CancellationToken cancellationToken = default)
    {
        await Record(scope, $"attach {Find(container).Id}");
        LastAttachStreams = streams;
        AttachRequested.TrySetResult();
        await AttachGate.Task.WaitAsync(cancellationToken);
        return Attachment;
    }

    // As the engine's contract says: only a running container runs a process.
    public async ValueTask<IExecSession> ExecAsync(INamespaceScope scope, string container, ExecRequest request,
        CancellationToken cancellationToken = default)
    {
        var found = Find(container);
        await Record(scope, $"exec {found.Id} {string.Join(' ', request.Command)}");
        LastExec = request;
        if (found.State.Status != ContainerStatus.Running)
        {
            throw new FailedPreconditionException($"Container {found.Id} is not running");
        }

        ExecRequested.TrySetResult();
        await ExecGate.Task.WaitAsync(cancellationToken);
        return Exec;
    }

    public async ValueTask<ContainerExit> WaitAsync(INamespaceScope scope, string container, WaitCondition condition,
        CancellationToken cancellationToken = default)
    {
        await Record(scope, $"wait {Find(container).Id} {condition}");
        return Exit;
    }

    public ValueTask StopAsync(INamespaceScope scope, string container, int? timeoutSeconds, string? signal = null,
        CancellationToken cancellationToken = default)
        => Record(scope, $"stop {Find(container).Id} timeout={timeoutSeconds?.ToString() ?? "null"} signal={signal ?? "null"}");

    public ValueTask RestartAsync(INamespaceScope scope, string container, int? timeoutSeconds, string? signal = null,
        CancellationToken cancellationToken = default)
        => Record(scope, $"restart {Find(container).Id} timeout={timeoutSeconds?.ToString() ?? "null"} signal={signal ?? "null"}");

    public ValueTask KillAsync(INamespaceScope scope, string container, string signal, CancellationToken cancellationToken = default)
        => Record(scope, $"kill {Find(container).Id} {signal}");

    public ValueTask PauseAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
        => Record(scope, $"pause {Find(container).Id}");

    public ValueTask UnpauseAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
        => Record(scope, $"unpause {Find(container).Id}");

    public ValueTask RenameAsync(INamespaceScope scope, string container, string name, CancellationToken cancellationToken = default)
        => Record(scope, $"rename {Find(container).Id} {name}");

    public ValueTask RemoveAsync(INamespaceScope scope, string container, bool force, bool volumes = false, CancellationToken cancellationToken = default)
        => Record(scope, $"remove {Find(container).Id} force={force}");

    public async IAsyncEnumerable<ContainerDetails> ListAsync(INamespaceScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Record(scope, "list");
        foreach (var details in Containers)
        {
            yield return details;
        }
    }

    public async ValueTask<ContainerDetails> InspectAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
    {
        await Record(scope, $"inspect {container}");
        return Find(container);
    }

    public async IAsyncEnumerable<LogEntry> LogsAsync(INamespaceScope scope, string container, LogsRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Record(scope, $"logs {Find(container).Id}");
        LastLogsRequest = request;
        foreach (var entry in Log)
        {
            yield return entry;
        }
    }

    // By id, id prefix or name, as the engine's contract names containers.
    private ContainerDetails Find(string container)
        => Containers.FirstOrDefault(c => c.Name == container || c.Id.StartsWith(container, StringComparison.Ordinal) && container.Length > 0)
            ?? throw new NotFoundException($"No such container: {container}");

    private ValueTask Record(INamespaceScope scope, string call)
    {
        Calls.Enqueue((scope.Namespace, call));
        return ValueTask.CompletedTask;
    }

    private void Note(INamespaceScope scope, string call) => Calls.Enqueue((scope.Namespace, call));
}
