using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Runtime.Bundles;
using Berth.Runtime.Shims;
using Containerd.Task.V2;

namespace Berth.Runtime.Tasks;

public sealed partial class TaskManager
{
    /// <inheritdoc />
    public async ValueTask<ProcessState> CreateAsync(INamespaceScope scope, TaskCreate request, CancellationToken cancellationToken = default)
    {
        var container = await scope.Containers.GetAsync(request.ContainerId, cancellationToken);
        using var held = await LockAsync(scope.Namespace, container.Id, cancellationToken);
        if (_tasks.ContainsKey((scope.Namespace, container.Id)))
        {
            throw new AlreadyExistsException($"task {container.Id} already exists in namespace {scope.Namespace}: delete it first");
        }

        var spec = container.Spec ?? throw new FailedPreconditionException($"container {container.Id} has no runtime spec: update it with one");
        string binary = binaries.Resolve(container.Runtime.Name, request.RuntimePath);
        var runtimeOptions = RuncBinaryDefault.Apply(request.Options ?? container.Runtime.Options, container.Runtime.Name, options.RuncBinary);
        var bundle = TaskBundle.Create(options.TasksRoot, scope.Namespace, container.Id, spec.Value.Span);
        ShimLog? log = null;
        IShimConnection? shim = null;
        var invocation = Invocation(binary, scope.Namespace, container.Id, bundle.Path);
        try
        {
            await File.WriteAllTextAsync(bundle.ShimBinaryFile, binary, cancellationToken);
            log = ShimLog.Open(bundle.Path, scope.Namespace, container.Id, syscalls, logger);
            string address = await ShimCommand.StartAsync(invocation, Packing.Pack(runtimeOptions) is { } any
                ? Google.Protobuf.MessageExtensions.ToByteArray(any) : ReadOnlyMemory<byte>.Empty, cancellationToken);
            RuntimeLog.ShimStarted(logger, binary, scope.Namespace, container.Id, address);
            shim = await connector.ConnectAsync(address, scope.Namespace, cancellationToken);
            var created = await shim.Api.CreateAsync(TaskMessages.CreateRequest(request, bundle.Path, runtimeOptions), cancellationToken);
            _tasks[(scope.Namespace, container.Id)] = new ShimTask(bundle, binary, shim, log);
            return new ProcessState(container.Id, string.Empty, created.Pid, ProcessStatus.Created, request.Io, 0, null);
        }
        catch
        {
            await AbandonAsync(invocation, bundle, shim, log);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<ProcessExit> DeleteAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default)
    {
        using var held = await LockAsync(scope.Namespace, containerId, cancellationToken);
        var task = Find(scope, containerId);
        ProcessExit? exit = null;
        try
        {
            exit = TaskMessages.ToCore(containerId, await task.Shim.DeleteAsync(new DeleteRequest { Id = containerId }, cancellationToken));
        }
        catch (NotFoundException)
        {
            // The shim has no such process (its daemon died while making or deleting it): the task is gone there, so
            // the shim, what the runtime may still hold (its binary's `delete`) and the bundle go too, rather than
            // leaving an entry nothing can delete or create again.
        }

        _tasks.TryRemove((scope.Namespace, containerId), out _);
        await ShutdownAsync(task);
        if (exit is null)
        {
            try
            {
                await ShimCommand.DeleteAsync(Invocation(task.Binary, scope.Namespace, containerId, task.Bundle.Path), CancellationToken.None);
            }
            catch (BerthException ex)
            {
                RuntimeLog.ShimDeleteWarnings(logger, scope.Namespace, containerId, ex.Message);
            }
        }

        RemoveBundle(task.Bundle);
        return exit ?? new ProcessExit(containerId, 0, 255, DateTimeOffset.UtcNow);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessExit> DeleteProcessAsync(INamespaceScope scope, string containerId, string execId,
        CancellationToken cancellationToken = default)
    {
        if (execId.Length == 0)
        {
            throw new InvalidArgumentException($"deleting a process of task {containerId} needs its exec id; delete the task for its init process");
        }

        var deleted = await Find(scope, containerId).Shim.DeleteAsync(new DeleteRequest { Id = containerId, ExecId = execId }, cancellationToken);
        return TaskMessages.ToCore(execId, deleted);
    }

    // A shim that answered Delete has nothing left to serve: asked to shut down, it exits and the connection drops.
    private static async Task ShutdownAsync(ShimTask task)
    {
        try
        {
            await task.Shim.ShutdownAsync(new ShutdownRequest { Id = task.Id }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is BerthException or IOException)
        {
            // Gone already, or going: the shim's own exit is what matters.
        }

        await task.DisposeAsync();
    }

    // The bundle goes, and with it the empty cgroup folders above the task's own, which the runtime leaves.
    private void RemoveBundle(TaskBundle bundle)
    {
        string? cgroupsPath = ParentCgroups.PathOf(bundle.Path);
        bundle.Delete(syscalls);
        if (cgroupsPath is not null)
        {
            ParentCgroups.RemoveEmpty(cgroupsPath);
        }
    }

    // A create that failed half-way leaves no shim, no mount and no bundle behind.
    private async Task AbandonAsync(ShimInvocation invocation, TaskBundle bundle, IShimConnection? shim, ShimLog? log)
    {
        if (shim is not null)
        {
            await ShutdownAsync(new ShimTask(bundle, invocation.Binary, shim, null));
        }

        if (bundle.ReadAddress() is not null)
        {
            try
            {
                await ShimCommand.DeleteAsync(invocation, CancellationToken.None);
            }
            catch (BerthException ex)
            {
                RuntimeLog.ShimDeleteWarnings(logger, invocation.Namespace, invocation.Id, ex.Message);
            }
        }

        log?.Dispose();
        RemoveBundle(bundle);
    }
}
