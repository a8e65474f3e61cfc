using Berth.Core.Containers;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Core.Metadata;
using Berth.Core.Tasks;

namespace Berth.Engine;

public sealed partial class ContainerEngine
{
    /// <inheritdoc />
    public async ValueTask StartAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
    {
        var (found, record) = await FindAsync(scope, container, cancellationToken);
        var live = Live(scope.Namespace, found.Id);
        bool failed = false;
        await live.Lock.WaitAsync(cancellationToken);
        try
        {
            live.CancelRestart();
            if (!live.Running)
            {
                await StartLockedAsync(scope, found, record with { ManuallyStopped = false }, live);
            }
        }
        catch (BerthException) when (record.Request.AutoRemove)
        {
            failed = true;
            throw;
        }
        finally
        {
            live.Lock.Release();
            if (failed)
            {
                // --rm: a container that could not start is removed too, as dockerd does.
                await RemoveStoppedAsync(scope, found.Id, live, new ContainerExit(StartFailureCode(string.Empty)));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask RestartAsync(INamespaceScope scope, string container, int? timeoutSeconds, string? signal = null,
        CancellationToken cancellationToken = default)
    {
        var (found, _) = await FindAsync(scope, container, cancellationToken);
        var live = Live(scope.Namespace, found.Id);
        live.KeepThroughStop = true;
        try
        {
            await StopAsync(scope, found.Id, timeoutSeconds, signal, cancellationToken);
        }
        finally
        {
            live.KeepThroughStop = false;
        }

        await StartAsync(scope, found.Id, cancellationToken);
        var (_, record) = await FindAsync(scope, found.Id, cancellationToken);
        PublishContainer(scope.Namespace, found.Id, record, "restart");
    }

    /// <summary>
    /// Runs the container's task with new stdio; on failure the task is gone again and the record keeps the runtime's
    /// error (and docker's 126/127/128 exit code) before the error goes back to the caller. Not cancelled by the caller:
    /// a start half done would leave a task nobody watches.
    /// </summary>
    private async ValueTask StartLockedAsync(INamespaceScope scope, Container container, ContainerRecord record, LiveContainer live)
    {
        string id = container.Id;
        await DeleteLeftoverTaskAsync(scope, id);
        var io = ContainerIo.Open(syscalls, IoFolder(scope.Namespace, id), record.Request.Spec.Tty, record.Request.OpenStdin,
            (LogPath(id), JsonLogOptions.Parse(record.Request.LogOptions)), reopen: false);
        bool created = false;
        live.Binding(io);
        PublishVolumeMounts(scope.Namespace, id, record, mount: true);
        try
        {
            var mounts = await scope.Snapshotter(container.Snapshotter).MountsAsync(container.SnapshotKey, CancellationToken.None);
            await tasks.CreateAsync(scope, new TaskCreate(id, mounts, io.Paths), CancellationToken.None);
            created = true;
            await tasks.StartAsync(scope, id, string.Empty, CancellationToken.None);
        }
        catch (BerthException ex)
        {
            if (created)
            {
                await DeleteLeftoverTaskAsync(scope, id);
            }

            await io.DisposeAsync();
            // A restart by the policy that fails leaves the container exited, as dockerd does, and ends the waits for
            // its next exit; a created container whose first start fails stays created.
            int code = StartFailureCode(ex.Message);
            await SaveAsync(scope, id, record with
            {
                Status = record.Status == ContainerStatus.Restarting ? ContainerStatus.Exited : record.Status,
                ExitCode = code, Error = ex.Message,
            });
            if (record.Status == ContainerStatus.Restarting)
            {
                live.Exited(new ContainerExit(code, ex.Message));
            }

            throw;
        }

        live.Started(io);
        await SaveAsync(scope, id, record with
        {
            Status = ContainerStatus.Running, StartedAt = DateTimeOffset.UtcNow, ExitCode = 0, Error = string.Empty, OomKilled = false,
        });
        live.Monitor = MonitorAsync(scope.Namespace, id, live, DateTimeOffset.UtcNow);
        PublishContainer(scope.Namespace, id, record, "start");
    }

    // docker's codes for a process that never ran: 127 not found, 126 not executable, else 128.
    private static int StartFailureCode(string message)
        => message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal)
            ? 127
            : message.Contains("permission denied", StringComparison.Ordinal) ? 126 : 128;

    /// <summary>
    /// Kills and deletes a task the container still has: one that exited while nobody watched, or one berthd was
    /// making when it died (its shim runs, but knows no process yet: it is deleted all the same).
    /// </summary>
    private async ValueTask DeleteLeftoverTaskAsync(INamespaceScope scope, string id)
    {
        ProcessState state;
        try
        {
            state = await tasks.GetAsync(scope, id, string.Empty, CancellationToken.None);
        }
        catch (NotFoundException)
        {
            try
            {
                await tasks.DeleteAsync(scope, id, CancellationToken.None);
            }
            catch (BerthException)
            {
                // No task at all: nothing to delete.
            }

            return;
        }

        try
        {
            if (state.Status is not ProcessStatus.Stopped)
            {
                await tasks.KillAsync(scope, id, string.Empty, Signals.Kill, all: true, CancellationToken.None);
                await tasks.WaitAsync(scope, id, string.Empty, CancellationToken.None);
            }

            await tasks.DeleteAsync(scope, id, CancellationToken.None);
        }
        catch (NotFoundException)
        {
        }
    }
}
