using Berth.Core.Errors;
using Berth.Shim.Reaping;
using Berth.Shim.Stdio;

namespace Berth.Shim.Processes;

/// <summary>
/// What the init process and exec processes share: a status guarded by one gate (operations and the exit take
/// turns), the exit status and time, and the process's streams. An exit is recorded only once its output has been
/// copied to the end (or has stalled), so a client that saw the exit has seen all the output.
/// </summary>
internal abstract class ShimProcess(string id, StdioPaths stdio)
{
    /// <summary>How long output may stall before an exit is reported anyway.</summary>
    internal static readonly TimeSpan DrainIdle = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The container id for the init process, the exec id for an exec.</summary>
    public string Id => id;

    public StdioPaths Stdio => stdio;

    public int Pid { get; protected set; }

    public ProcessStatus Status { get; protected set; } = ProcessStatus.Created;

    public int ExitStatus { get; private set; }

    /// <summary>When the process exited; default while it runs.</summary>
    public DateTimeOffset ExitedAt { get; private set; }

    protected IProcessStdio? Streams { get; set; }

    /// <summary>The status a client sees (an exec in a paused container is paused; deleted reads stopped).</summary>
    public virtual ProcessStatus ReportedStatus => Status == ProcessStatus.Deleted ? ProcessStatus.Stopped : Status;

    /// <summary>Completes when the process has exited and its exit is recorded.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _exited.Task.WaitAsync(cancellationToken);

    /// <summary>Records an exit reported by the reaper. False when it was recorded already.</summary>
    public async Task<bool> SetExitedAsync(ProcessExit exit)
    {
        await Gate.WaitAsync();
        try
        {
            if (_exited.Task.IsCompleted)
            {
                return false;
            }

            if (Status == ProcessStatus.Deleted)
            {
                // Deleted before it ran (the runtime killed it): nothing to report, as containerd's deleted state.
                _exited.TrySetResult();
                return false;
            }

            if (Streams is not null)
            {
                await Streams.WaitDrainedAsync(DrainIdle);
            }

            ExitStatus = exit.Status;
            ExitedAt = exit.ExitedAt;
            var before = Status;
            if (Status.IsAlive())
            {
                Status = ProcessStatus.Stopped;
            }

            await OnExitedAsync(before);
            _exited.TrySetResult();
            return true;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Called under the gate once the exit is recorded, with the status the process had.</summary>
    protected virtual Task OnExitedAsync(ProcessStatus before) => Task.CompletedTask;

    /// <summary>Unblocks waiters of a process that will never run (its start failed).</summary>
    protected void AbandonWaiters() => _exited.TrySetResult();

    public async Task ResizeAsync(ushort columns, ushort rows)
    {
        await Gate.WaitAsync();
        try
        {
            if (Status is ProcessStatus.Stopped or ProcessStatus.Deleted)
            {
                throw new FailedPreconditionException($"cannot resize the console of {Id}: the process is {Status.Word()}");
            }

            Streams?.Resize(columns, rows);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>CloseIO: the process sees EOF on stdin once the client has closed its end.</summary>
    public void CloseStdin() => Streams?.CloseStdin();

    /// <summary>Closes the streams; what the copies had not moved is dropped.</summary>
    protected async Task CloseStreamsAsync()
    {
        if (Streams is not null)
        {
            await Streams.WaitDrainedAsync(DrainIdle);
            await Streams.DisposeAsync();
            Streams = null;
        }
    }

    /// <summary>Deletes the process, which must have stopped (or never started): what <see cref="OnDeleteAsync"/> adds, then the streams.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (Status == ProcessStatus.Deleted)
            {
                throw new NotFoundException($"cannot delete a deleted process ({Id})");
            }

            if (!Status.CanDelete())
            {
                throw Refuse("delete");
            }

            await OnDeleteAsync(cancellationToken);
            await CloseStreamsAsync();
            Status = ProcessStatus.Deleted;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>What deleting this kind of process takes before its streams close (runs under <see cref="Gate"/>).</summary>
    protected abstract Task OnDeleteAsync(CancellationToken cancellationToken);

    protected FailedPreconditionException Refuse(string verb) => new($"cannot {verb} a {Status.Word()} process ({Id})");
}
