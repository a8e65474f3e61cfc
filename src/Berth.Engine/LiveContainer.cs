using Berth.Core.Engine;

namespace Berth.Engine;

/// <summary>
/// What berthd holds of one container while it lives: its stdio, the waiters for its next exit and its removal,
/// attachments made before it started, and a pending restart. Changes of state happen under <see cref="Lock"/>.
/// </summary>
internal sealed class LiveContainer(string id)
{
    private TaskCompletionSource<ContainerExit> _nextExit = NewWaiter();
    private readonly List<Attachment> _pending = [];

    public string Id { get; } = id;

    public SemaphoreSlim Lock { get; } = new(1, 1);

    /// <summary>The stdio of the running task; null while none runs.</summary>
    public ContainerIo? Io { get; set; }

    public bool Running => Io is not null;

    /// <summary>The copy of the task's exit: set once it runs, done when the exit is recorded and acted on.</summary>
    public Task Monitor { get; set; } = Task.CompletedTask;

    /// <summary>Cancels a restart waiting for its back-off.</summary>
    public CancellationTokenSource? PendingRestart
    {
        get => _pendingRestart;
        set => _pendingRestart = value;
    }

    private CancellationTokenSource? _pendingRestart;

    /// <summary>Set while a restart stops the container: an --rm container is not removed by that exit.</summary>
    public bool KeepThroughStop { get; set; }

    /// <summary>The last wait before a restart (<see cref="RestartRules.Delay"/>).</summary>
    public TimeSpan Backoff { get; set; }

    /// <summary>Done with the exit after the current run.</summary>
    public Task<ContainerExit> NextExit => _nextExit.Task;

    /// <summary>Done once the container is removed.</summary>
    public TaskCompletionSource<ContainerExit> Removed { get; } = NewWaiter();

    /// <summary>How the last run this berthd watched ended; null before one has.</summary>
    public ContainerExit? LastExit { get; private set; }

    /// <summary>Tells the waiters of the current run how it ended, and starts a new wait.</summary>
    public void Exited(ContainerExit exit)
    {
        LastExit = exit;
        Interlocked.Exchange(ref _nextExit, NewWaiter()).TrySetResult(exit);
    }

    /// <summary>Binds an attachment to the running stdio, or keeps it for the next start.</summary>
    public void Attach(Attachment attachment)
    {
        lock (_pending)
        {
            if (Io is { } io)
            {
                attachment.Bind(io);
            }
            else
            {
                _pending.Add(attachment);
            }
        }
    }

    /// <summary>
    /// Binds the attachments that waited for a run to its stdio, before its task starts (so they miss nothing); if the
    /// start fails, the stdio's end ends them.
    /// </summary>
    public void Binding(ContainerIo io)
    {
        lock (_pending)
        {
            foreach (var attachment in _pending)
            {
                attachment.Bind(io);
            }

            _pending.Clear();
        }
    }

    /// <summary>Sets the stdio of the run that has started; attachments from now on bind to it at once.</summary>
    public void Started(ContainerIo io)
    {
        Binding(io);
        lock (_pending)
        {
            Io = io;
        }
    }

    public void Forget(Attachment attachment)
    {
        lock (_pending)
        {
            _pending.Remove(attachment);
        }
    }

    /// <summary>Drops a restart waiting for its back-off (the user stopped or removed the container).</summary>
    public void CancelRestart() => Interlocked.Exchange(ref _pendingRestart, null)?.Cancel();

    private static TaskCompletionSource<ContainerExit> NewWaiter() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
