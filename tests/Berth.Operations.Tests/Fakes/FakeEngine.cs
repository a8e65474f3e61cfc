using System.Runtime.CompilerServices;
using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;

namespace Berth.Operations.Tests.Fakes;

/// <summary>
/// A scripted container engine: records every call in <see cref="Calls"/> (in order), makes containers from the
/// images it has, and plays <see cref="Output"/> to an attachment when the container starts, then exits with
/// <see cref="ExitCode"/> (unless <see cref="KeepsRunning"/>).
/// </summary>
internal sealed class FakeEngine : IContainerEngineClient
{
    public const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public List<string> Calls { get; } = [];

    public List<ContainerCreate> Creates { get; } = [];

    /// <summary>Images CreateAsync finds; any other is "No such image".</summary>
    public HashSet<string> Images { get; } = ["busybox"];

    /// <summary>When set, decides instead of <see cref="Images"/> (an image that a pull brings).</summary>
    public Func<string, bool>? HasImage { get; set; }

    public Exception? CreateFailure { get; set; }

    public Exception? StartFailure { get; set; }

    public Exception? RenameFailure { get; set; }

    public List<OutputChunk> Output { get; } = [];

    public bool Tty { get; set; }

    public int ExitCode { get; set; }

    public bool KeepsRunning { get; set; }

    public FakeAttachment? Attachment { get; private set; }

    public List<ContainerDetails> Containers { get; } = [];

    public List<LogEntry> Log { get; } = [];

    public LogsRequest? LastLogs { get; private set; }

    /// <summary>The exec script: what ExecAsync throws, else the output its session plays, then its exit code (unless it keeps running).</summary>
    public Exception? ExecFailure { get; set; }

    public List<OutputChunk> ExecOutput { get; } = [];

    public int ExecExitCode { get; set; }

    public bool ExecKeepsRunning { get; set; }

    public List<ExecRequest> Execs { get; } = [];

    public FakeExecSession? Exec { get; private set; }

    private readonly TaskCompletionSource<ContainerExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ValueTask<ContainerCreated> CreateAsync(ContainerCreate request, CancellationToken cancellationToken = default)
    {
        Calls.Add("create " + request.Image);
        Creates.Add(request);
        return CreateFailure is not null ? ValueTask.FromException<ContainerCreated>(CreateFailure)
            : (HasImage?.Invoke(request.Image) ?? Images.Contains(request.Image)) ? ValueTask.FromResult(new ContainerCreated(Id, []))
            : ValueTask.FromException<ContainerCreated>(new NotFoundException($"No such image: {request.Image}"));
    }

    public async ValueTask StartAsync(string container, CancellationToken cancellationToken = default)
    {
        Calls.Add("start " + Known(container));
        if (StartFailure is not null)
        {
            throw StartFailure;
        }

        if (Attachment is not null)
        {
            foreach (var chunk in Output)
            {
                await Attachment.Send(chunk);
            }

            if (!KeepsRunning)
            {
                Attachment.End();
            }
        }

        if (!KeepsRunning)
        {
            _exit.TrySetResult(new ContainerExit(ExitCode));
        }
    }

    public ValueTask<IContainerAttachment> AttachAsync(string container, AttachStreams streams, CancellationToken cancellationToken = default)
    {
        Calls.Add($"attach {Known(container)} stdin={streams.Stdin}");
        Attachment = new FakeAttachment(Tty);
        return ValueTask.FromResult<IContainerAttachment>(Attachment);
    }

    public async ValueTask<IExecSession> ExecAsync(string container, ExecRequest request, CancellationToken cancellationToken = default)
    {
        Calls.Add($"exec {Known(container)} {string.Join(' ', request.Command)}");
        Execs.Add(request);
        if (ExecFailure is not null)
        {
            throw ExecFailure;
        }

        Exec = new FakeExecSession(new FakeAttachment(request.Tty));
        foreach (var chunk in ExecOutput)
        {
            await Exec.Attachment.Send(chunk);
        }

        if (!ExecKeepsRunning)
        {
            Exec.End(ExecExitCode);
        }

        return Exec;
    }

    public async ValueTask<ContainerExit> WaitAsync(string container, WaitCondition condition, CancellationToken cancellationToken = default)
    {
        Calls.Add($"wait {Known(container)} {condition}");
        // As the engine: "not running" answers at once for a container that is not running (neither started here nor
        // listed as running), else at its exit.
        bool started = Calls.Contains("start " + Known(container)) || Containers.Any(c => c.Id == Known(container) && c.State.Status == ContainerStatus.Running);
        return condition == WaitCondition.NotRunning && !started
            ? new ContainerExit(Find(container).State.ExitCode)
            : await _exit.Task.WaitAsync(cancellationToken);
    }

    public ValueTask StopAsync(string container, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default)
        => Record($"stop {Known(container)} {timeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {signal ?? "-"}");

    public ValueTask RestartAsync(string container, int? timeoutSeconds = null, string? signal = null, CancellationToken cancellationToken = default)
        => Record($"restart {Known(container)} {timeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {signal ?? "-"}");

    public ValueTask KillAsync(string container, string signal, CancellationToken cancellationToken = default)
        => Record($"kill {Known(container)} {signal}");

    public ValueTask PauseAsync(string container, CancellationToken cancellationToken = default) => Record($"pause {Known(container)}");

    public ValueTask UnpauseAsync(string container, CancellationToken cancellationToken = default) => Record($"unpause {Known(container)}");

    public ValueTask RenameAsync(string container, string name, CancellationToken cancellationToken = default)
        => RenameFailure is not null ? ValueTask.FromException(RenameFailure) : Record($"rename {Known(container)} {name}");

    public ValueTask RemoveAsync(string container, bool force = false, bool volumes = false, CancellationToken cancellationToken = default)
        => Record($"rm {Known(container)} force={force}");

    public ValueTask<IReadOnlyList<ContainerDetails>> ListAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<ContainerDetails>>(Containers);

    public ValueTask<ContainerDetails> InspectAsync(string container, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Find(container));

    public async IAsyncEnumerable<LogEntry> LogsAsync(string container, LogsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        LastLogs = request;
        Find(container);
        foreach (var entry in Log)
        {
            await Task.Yield();
            yield return entry;
        }
    }

    /// <summary>Ends a container that <see cref="KeepsRunning"/>: its output closes and waits answer with the code.</summary>
    public void Exit(int code)
    {
        Attachment?.End();
        _exit.TrySetResult(new ContainerExit(code));
    }

    private ValueTask Record(string call)
    {
        Calls.Add(call);
        return ValueTask.CompletedTask;
    }

    // The engine's own id, or a container's id for its name; NotFound in dockerd's words otherwise.
    private string Known(string container) => container == Id || Containers.Count == 0 ? container : Find(container).Id;

    private ContainerDetails Find(string container)
        => Containers.FirstOrDefault(c => c.Name == container || c.Id.StartsWith(container, StringComparison.Ordinal))
            ?? throw new NotFoundException($"No such container: {container}");
}
