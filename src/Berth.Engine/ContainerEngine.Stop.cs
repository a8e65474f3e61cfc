using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <inheritdoc />
    public async ValueTask StopAsync(INamespaceScope scope, string container, int? timeoutSeconds, string? signal = null, CancellationToken cancellationToken = default)
    {
        var (found, record) = await FindAsync(scope, container, cancellationToken);
        var live = Live(scope.Namespace, found.Id);
        Task<ContainerExit> exited;
        await live.Lock.WaitAsync(cancellationToken);
        try
        {
            live.CancelRestart();
            // Read again under the lock: an exit recorded meanwhile must not be overwritten.
            (found, record) = await FindAsync(scope, found.Id, cancellationToken);
            await SaveAsync(scope, found.Id, record with
            {
                ManuallyStopped = true,
                Status = record.Status == ContainerStatus.Restarting ? ContainerStatus.Exited : record.Status,
            });
            if (!live.Running)
            {
                return;
            }

            exited = live.NextExit;
            uint stopSignal = Signals.Parse(signal is { Length: > 0 } ? signal : record.StopSignal);
            await tasks.KillAsync(scope, found.Id, string.Empty, stopSignal, all: false, cancellationToken);
            PublishKill(scope.Namespace, found.Id, record, stopSignal);
        }
        finally
        {
            live.Lock.Release();
        }

        int grace = timeoutSeconds ?? record.Request.StopTimeout ?? (int)options.DefaultStopTimeout.TotalSeconds;
        if (grace < 0 || await Task.WhenAny(exited, Task.Delay(TimeSpan.FromSeconds(grace), cancellationToken)) == exited)
        {
            await exited.WaitAsync(cancellationToken);
            PublishContainer(scope.Namespace, found.Id, record, "stop");
            return;
        }

        await tasks.KillAsync(scope, found.Id, string.Empty, Signals.Kill, all: true, CancellationToken.None);
        PublishKill(scope.Namespace, found.Id, record, Signals.Kill);
        await exited.WaitAsync(cancellationToken);
        PublishContainer(scope.Namespace, found.Id, record, "stop");
    }

    /// <inheritdoc />
    public async ValueTask KillAsync(INamespaceScope scope, string container, string signal, CancellationToken cancellationToken = default)
    {
        var (found, record) = await FindAsync(scope, container, cancellationToken);
        uint number = signal.Length == 0 ? Signals.Kill : Signals.Parse(signal);
        if (!Live(scope.Namespace, found.Id).Running)
        {
            throw new FailedPreconditionException($"Cannot kill container: {container}: Container {found.Id} is not running");
        }

        await tasks.KillAsync(scope, found.Id, string.Empty, number, all: false, cancellationToken);
        PublishKill(scope.Namespace, found.Id, record, number);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(INamespaceScope scope, string container, bool force, bool volumes = false, CancellationToken cancellationToken = default)
    {
        var (found, record) = await FindAsync(scope, container, cancellationToken);
        var live = Live(scope.Namespace, found.Id);
        if (live.Running && await TaskStateAsync(scope, found.Id, cancellationToken) is null or { Status: Core.Tasks.ProcessStatus.Stopped })
        {
            // Its process has ended and the exit is being recorded: that is a stopped container, a moment early.
            await live.Monitor.WaitAsync(cancellationToken);
        }

        if (live.Running)
        {
            if (!force)
            {
                throw new FailedPreconditionException(
                    $"You cannot remove a running container {found.Id}. Stop the container before attempting removal or force remove");
            }

            Task<ContainerExit> exited;
            await live.Lock.WaitAsync(cancellationToken);
            try
            {
                live.CancelRestart();
                (_, record) = await FindAsync(scope, found.Id, cancellationToken);
                await SaveAsync(scope, found.Id, record with { ManuallyStopped = true });
                exited = live.NextExit;
            }
            finally
            {
                live.Lock.Release();
            }

            await tasks.KillAsync(scope, found.Id, string.Empty, Signals.Kill, all: true, CancellationToken.None);
            PublishKill(scope.Namespace, found.Id, record, Signals.Kill);
            await exited;
            await live.Monitor;
        }

        await RemoveStoppedAsync(scope, found.Id, live, new ContainerExit(record.ExitCode));
        if (volumes)
        {
            await RemoveAnonymousVolumesAsync(scope, record.Volumes);
        }
    }

    /// <summary>Removes a stopped container's snapshot, record and files; a second removal finds nothing left to do.</summary>
    private async ValueTask RemoveStoppedAsync(INamespaceScope scope, string id, LiveContainer live, ContainerExit lastExit)
    {
        await live.Lock.WaitAsync();
        try
        {
            live.CancelRestart();
            await DeleteLeftoverTaskAsync(scope, id);
            // Before the record goes: a wait for the removal that finds no record then reads the exit here.
            _removed.Add(scope.Namespace, id, lastExit);
            try
            {
                var (_, gone) = await FindAsync(scope, id, CancellationToken.None);
                await scope.Containers.DeleteAsync(id, CancellationToken.None);
                PublishContainer(scope.Namespace, id, gone, "destroy");
                await scope.Snapshotter(options.Snapshotter).RemoveAsync(id, CancellationToken.None);
            }
            catch (NotFoundException)
            {
            }

            DeleteFolder(id);
            _live.TryRemove((scope.Namespace, id), out _);
            live.Removed.TrySetResult(lastExit);
        }
        finally
        {
            live.Lock.Release();
        }
    }
}
