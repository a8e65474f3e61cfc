using Berth.Core.Engine;
using Berth.Core.Errors;
using Microsoft.Extensions.Logging;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <summary>
    /// Waits for the task's exit, then, as dockerd does: lets the output drain, deletes the task, records the exit,
    /// tells the waiters, and removes the container (<c>--rm</c>) or restarts it by its policy after the back-off.
    /// </summary>
    private async Task MonitorAsync(string @namespace, string id, LiveContainer live, DateTimeOffset startedAt)
    {
        var scope = metadata.ForNamespace(@namespace);
        ContainerExit exit;
        try
        {
            var ended = await tasks.WaitAsync(scope, id, string.Empty, _stopping.Token);
            exit = new ContainerExit((int)ended.ExitStatus);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return;
        }
        catch (BerthException ex)
        {
            LogWaitFailed(logger, @namespace, id, ex.Message);
            exit = new ContainerExit(255, ex.Message);
        }

        ContainerRecord? record = null;
        bool restart = false, remove = false;
        await live.Lock.WaitAsync();
        try
        {
            if (live.Io is { } draining)
            {
                await draining.Completion.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            try
            {
                (_, record) = await FindAsync(scope, id, CancellationToken.None);
            }
            catch (NotFoundException)
            {
            }

            if (record is not null)
            {
                // docker's restart keeps an --rm container through the stop it makes.
                remove = record.Request.AutoRemove && !live.KeepThroughStop;
                restart = !remove && RestartRules.ShouldRestart(record, exit.ExitCode);
                record = record with
                {
                    Status = restart ? ContainerStatus.Restarting : ContainerStatus.Exited,
                    ExitCode = exit.ExitCode, FinishedAt = DateTimeOffset.UtcNow,
                };
                // An --rm container's record goes in a moment: one transaction (and fsync) less per run.
                if (!remove)
                {
                    await SaveAsync(scope, id, record);
                }
            }

            // Only once the exit is on record does its task go (a berthd killed in between finds the exit on record,
            // not a task gone without one) and the container stop counting as running (inspect reads both).
            if (live.Io is { } io)
            {
                await DeleteLeftoverTaskAsync(scope, id);
                await io.DisposeAsync();
                live.Io = null;
            }

            PublishDied(@namespace, id, record, exit.ExitCode);
            live.Exited(exit);
            if (restart)
            {
                ScheduleRestart(@namespace, id, live, RestartRules.Delay(DateTimeOffset.UtcNow - startedAt, live));
            }
        }
        finally
        {
            live.Lock.Release();
        }

        if (remove)
        {
            await RemoveStoppedAsync(scope, id, live, exit);
        }
    }

    private void ScheduleRestart(string @namespace, string id, LiveContainer live, TimeSpan delay)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        live.PendingRestart = cancel;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, cancel.Token);
                var scope = metadata.ForNamespace(@namespace);
                await live.Lock.WaitAsync(cancel.Token);
                try
                {
                    if (cancel.IsCancellationRequested || live.Running)
                    {
                        return;
                    }

                    var (container, record) = await FindAsync(scope, id, CancellationToken.None);
                    await StartLockedAsync(scope, container, record with { RestartCount = record.RestartCount + 1 }, live);
                }
                finally
                {
                    live.Lock.Release();
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (BerthException ex)
            {
                LogRestartFailed(logger, @namespace, id, ex.Message);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "waiting for container {Namespace}/{Id} failed: {Reason}")]
    private static partial void LogWaitFailed(ILogger logger, string @namespace, string id, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "restarting container {Namespace}/{Id} failed: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string @namespace, string id, string reason);
}
