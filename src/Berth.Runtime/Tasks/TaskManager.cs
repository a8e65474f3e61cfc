using System.Collections.Concurrent;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Linux;
using Berth.Runtime.Shims;
using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Tasks;

/// <summary>
/// berthd's tasks, each served by a shim of its own (containerd's runtime v2 task manager). The shim holds the truth
/// about its processes; this keeps which shim serves which task, starts and ends shims, and finds them again after a
/// restart (<see cref="RecoverAsync"/>).
/// </summary>
public sealed partial class TaskManager(
    TaskManagerOptions options, ShimBinaries binaries, IShimConnector connector, IEventPublisher events, ISyscalls syscalls, ILogger<TaskManager> logger)
    : ITaskManager, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Namespace, string Id), ShimTask> _tasks = new();

    // One create or delete at a time per task id: two creates must not both start a shim for one container.
    private readonly ConcurrentDictionary<(string Namespace, string Id), SemaphoreSlim> _locks = new();

    /// <summary>Lets go of every shim connection; the shims and their containers keep running.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var task in _tasks.Values)
        {
            await task.DisposeAsync();
        }

        _tasks.Clear();
    }

    private ShimTask Find(INamespaceScope scope, string containerId)
        => _tasks.TryGetValue((scope.Namespace, containerId), out var task)
            ? task
            : throw new NotFoundException($"no task for container {containerId} in namespace {scope.Namespace}: create one first");

    private async Task<IDisposable> LockAsync(string @namespace, string id, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd((@namespace, id), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private ShimInvocation Invocation(string binary, string @namespace, string id, string bundlePath) => new(
        binary, @namespace, id, bundlePath, options.DaemonAddress, options.TtrpcAddress, options.PublishBinary, options.DebugShims);

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
