using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Microsoft.Extensions.Logging;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <summary>
    /// At berthd's start, after the task manager has reconnected to the shims: watches every container that still runs
    /// again (its FIFOs reopened), records the exit of those that ended meanwhile, and starts again those their restart
    /// policy says to (docker's rules at daemon start: <see cref="RestartRules.RestartsWithDaemon"/>).
    /// </summary>
    public async ValueTask RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (string @namespace in await metadata.Namespaces.ListAsync(cancellationToken))
        {
            var scope = metadata.ForNamespace(@namespace);
            await foreach (var (container, record) in ListRecordsAsync(scope, cancellationToken))
            {
                try
                {
                    await RecoverAsync(scope, container, record);
                }
                catch (Exception ex) when (ex is BerthException or IOException or UnauthorizedAccessException or FormatException)
                {
                    // One container that cannot be picked up must not keep berthd from serving the others.
                    LogRecoverFailed(logger, @namespace, container.Id, ex.Message);
                }
            }
        }
    }

    private async ValueTask RecoverAsync(INamespaceScope scope, Core.Containers.Container container, ContainerRecord record)
    {
        string id = container.Id;
        var live = Live(scope.Namespace, id);
        ProcessState? task = null;
        try
        {
            task = await tasks.GetAsync(scope, id, string.Empty, CancellationToken.None);
        }
        catch (NotFoundException)
        {
        }

        if (task is { Status: ProcessStatus.Running or ProcessStatus.Paused or ProcessStatus.Pausing })
        {
            var io = ContainerIo.Open(syscalls, IoFolder(scope.Namespace, id), record.Request.Spec.Tty, record.Request.OpenStdin,
                (LogPath(id), JsonLogOptions.Parse(record.Request.LogOptions)), reopen: true);
            live.Started(io);
            live.Monitor = MonitorAsync(scope.Namespace, id, live, record.StartedAt ?? DateTimeOffset.UtcNow);
            return;
        }

        // A task that ended: its exit goes on record if it is not there yet, and only then does the task go.
        bool exitedMeanwhile = record.Status is ContainerStatus.Running or ContainerStatus.Restarting;
        if (exitedMeanwhile)
        {
            // Restarting: the exit was recorded, the restart not made yet. Running with no task: the exit is lost.
            var (code, finished) = task is { Status: ProcessStatus.Stopped } ? ((int)task.ExitStatus, task.ExitedAt)
                : record.Status == ContainerStatus.Restarting ? (record.ExitCode, record.FinishedAt) : (255, null);
            record = record with { Status = ContainerStatus.Exited, ExitCode = code, FinishedAt = finished ?? DateTimeOffset.UtcNow };
            if (record.Request.AutoRemove)
            {
                await DeleteLeftoverTaskAsync(scope, id);
                await RemoveStoppedAsync(scope, id, live, new ContainerExit(code));
                return;
            }

            await SaveAsync(scope, id, record);
        }

        await DeleteLeftoverTaskAsync(scope, id);
        if (RestartRules.RestartsWithDaemon(record, exitedMeanwhile))
        {
            await live.Lock.WaitAsync();
            try
            {
                // A run that ended meanwhile is restarted by its policy, and counts as a restart; a stopped one berthd
                // starts again with itself does not.
                await StartLockedAsync(scope, container, exitedMeanwhile ? record with { RestartCount = record.RestartCount + 1 } : record, live);
            }
            finally
            {
                live.Lock.Release();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "recovering container {Namespace}/{Id} failed: {Reason}")]
    private static partial void LogRecoverFailed(ILogger logger, string @namespace, string id, string reason);
}
