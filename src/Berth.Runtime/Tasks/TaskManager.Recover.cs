using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Runtime.Bundles;
using Berth.Runtime.Shims;
using Containerd.Events;
using Containerd.Task.V2;

namespace Berth.Runtime.Tasks;

public sealed partial class TaskManager
{
    private static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// At start-up: reconnects to the shim of every bundle left in the state folder. A shim that no longer answers is
    /// cleaned up through its binary's <c>delete</c> (which ends what is left of the container and unmounts its root),
    /// its bundle removed, and the exit and delete published as containerd does for a shim that died.
    /// </summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var bundle in TaskBundle.LoadAll(options.TasksRoot))
        {
            string binary = File.Exists(bundle.ShimBinaryFile) ? (await File.ReadAllTextAsync(bundle.ShimBinaryFile, cancellationToken)).Trim() : string.Empty;
            var connected = await TryReconnectAsync(bundle, cancellationToken);
            if (connected is not null)
            {
                var log = ShimLog.Open(bundle.Path, bundle.Namespace, bundle.Id, syscalls, logger);
                _tasks[(bundle.Namespace, bundle.Id)] = new ShimTask(bundle, binary, connected, log);
                RuntimeLog.Reconnected(logger, bundle.Namespace, bundle.Id, connected.Address);
                continue;
            }

            await CleanUpDeadShimAsync(bundle, binary, cancellationToken);
        }
    }

    private async Task<IShimConnection?> TryReconnectAsync(TaskBundle bundle, CancellationToken cancellationToken)
    {
        if (bundle.ReadAddress() is not { Length: > 0 } address)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReconnectTimeout);
        IShimConnection? shim = null;
        try
        {
            shim = await connector.ConnectAsync(address, bundle.Namespace, timeout.Token);
            await shim.Api.ConnectAsync(new ConnectRequest { Id = bundle.Id }, timeout.Token);
            return shim;
        }
        catch (Exception ex) when (ex is BerthException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            RuntimeLog.ShimGone(logger, bundle.Namespace, bundle.Id, address, ex.Message);
            if (shim is not null)
            {
                await shim.DisposeAsync();
            }

            return null;
        }
    }

    private async Task CleanUpDeadShimAsync(TaskBundle bundle, string binary, CancellationToken cancellationToken)
    {
        var exit = new DeleteResponse { ExitStatus = 128 + 9, ExitedAt = Wire.ToTimestamp(DateTimeOffset.UtcNow) };
        if (binary.Length > 0)
        {
            try
            {
                exit = await ShimCommand.DeleteAsync(Invocation(binary, bundle.Namespace, bundle.Id, bundle.Path), cancellationToken);
            }
            catch (BerthException ex)
            {
                RuntimeLog.ShimDeleteWarnings(logger, bundle.Namespace, bundle.Id, ex.Message);
            }
        }

        RemoveBundle(bundle);
        var exited = new TaskExit { ContainerId = bundle.Id, Id = bundle.Id, Pid = exit.Pid, ExitStatus = exit.ExitStatus, ExitedAt = exit.ExitedAt };
        await events.PublishAsync(bundle.Namespace, "/tasks/exit", EventPayloads.Of(exited), cancellationToken);
        var deleted = new TaskDelete { ContainerId = bundle.Id, Id = bundle.Id, Pid = exit.Pid, ExitStatus = exit.ExitStatus, ExitedAt = exit.ExitedAt };
        await events.PublishAsync(bundle.Namespace, "/tasks/delete", EventPayloads.Of(deleted), cancellationToken);
    }
}
