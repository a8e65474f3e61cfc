using Berth.Core.Errors;

namespace Berth.Shim.Processes;

internal sealed partial class InitProcess
{
    /// <summary><c>runtime kill [--all]</c>; NotFound "process already finished" once it has exited.</summary>
    public Task KillAsync(int signal, bool all, CancellationToken cancellationToken) => UnderGate(async () =>
    {
        if (Status == ProcessStatus.Deleted)
        {
            throw new NotFoundException($"cannot kill a deleted process ({Id})");
        }

        await Runtime.KillAsync(Id, signal, all, cancellationToken);
    }, cancellationToken);

    public Task PauseAsync(CancellationToken cancellationToken) => UnderGate(async () =>
    {
        if (!Status.CanPause())
        {
            throw Refuse("pause");
        }

        await Runtime.PauseAsync(Id, cancellationToken);
        Status = ProcessStatus.Paused;
    }, cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken) => UnderGate(async () =>
    {
        if (!Status.CanResume())
        {
            throw Refuse("resume");
        }

        await Runtime.ResumeAsync(Id, cancellationToken);
        Status = ProcessStatus.Running;
    }, cancellationToken);

    public Task UpdateAsync(ReadOnlyMemory<byte> resourcesJson, CancellationToken cancellationToken) => UnderGate(async () =>
    {
        if (!Status.CanUpdate())
        {
            throw Refuse("update");
        }

        await Runtime.UpdateAsync(Id, resourcesJson, cancellationToken);
    }, cancellationToken);

    /// <summary>FailedPrecondition unless the container can take an exec (created or running).</summary>
    public void EnsureCanExec()
    {
        if (!Status.CanExec())
        {
            throw Refuse("exec in");
        }
    }

    private async Task UnderGate(Func<Task> action, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await action();
        }
        finally
        {
            Gate.Release();
        }
    }
}
