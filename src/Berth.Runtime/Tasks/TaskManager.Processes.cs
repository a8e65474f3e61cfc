using Berth.Api.Conversions;
using System.Runtime.CompilerServices;
using Berth.Core.Containers;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Containerd.Task.V2;

namespace Berth.Runtime.Tasks;

public sealed partial class TaskManager
{
    /// <inheritdoc />
    public async ValueTask<uint> StartAsync(INamespaceScope scope, string containerId, string execId, CancellationToken cancellationToken = default)
        => (await Find(scope, containerId).Shim.StartAsync(new StartRequest { Id = containerId, ExecId = execId }, cancellationToken)).Pid;

    /// <inheritdoc />
    public async ValueTask<ProcessState> GetAsync(INamespaceScope scope, string containerId, string execId, CancellationToken cancellationToken = default)
        => TaskMessages.ToCore(containerId, await Find(scope, containerId).Shim.StateAsync(new StateRequest { Id = containerId, ExecId = execId }, cancellationToken));

    /// <inheritdoc />
    public async IAsyncEnumerable<ProcessState> ListAsync(INamespaceScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var task in _tasks.Values.Where(t => t.Namespace == scope.Namespace).OrderBy(t => t.Id, StringComparer.Ordinal).ToList())
        {
            yield return TaskMessages.ToCore(task.Id, await task.Shim.StateAsync(new StateRequest { Id = task.Id }, cancellationToken));
        }
    }

    /// <inheritdoc />
    public async ValueTask KillAsync(INamespaceScope scope, string containerId, string execId, uint signal, bool all, CancellationToken cancellationToken = default)
        => await Find(scope, containerId).Shim.KillAsync(
            new KillRequest { Id = containerId, ExecId = execId, Signal = signal, All = all }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask ExecAsync(INamespaceScope scope, string containerId, string execId, ProcessIo io, PackedMessage spec,
        CancellationToken cancellationToken = default)
        => await Find(scope, containerId).Shim.ExecAsync(new ExecProcessRequest
        {
            Id = containerId,
            ExecId = execId,
            Terminal = io.Terminal,
            Stdin = io.Stdin,
            Stdout = io.Stdout,
            Stderr = io.Stderr,
            Spec = Packing.Pack(spec),
        }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask ResizePtyAsync(INamespaceScope scope, string containerId, string execId, uint width, uint height,
        CancellationToken cancellationToken = default)
        => await Find(scope, containerId).Shim.ResizePtyAsync(
            new ResizePtyRequest { Id = containerId, ExecId = execId, Width = width, Height = height }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask CloseIOAsync(INamespaceScope scope, string containerId, string execId, bool stdin, CancellationToken cancellationToken = default)
        => await Find(scope, containerId).Shim.CloseIOAsync(new CloseIORequest { Id = containerId, ExecId = execId, Stdin = stdin }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask PauseAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default)
        => await Find(scope, containerId).Shim.PauseAsync(new PauseRequest { Id = containerId }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask ResumeAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default)
        => await Find(scope, containerId).Shim.ResumeAsync(new ResumeRequest { Id = containerId }, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ProcessInfo>> ListPidsAsync(INamespaceScope scope, string containerId, CancellationToken cancellationToken = default)
    {
        var pids = await Find(scope, containerId).Shim.PidsAsync(new PidsRequest { Id = containerId }, cancellationToken);
        return [.. pids.Processes.Select(p => new ProcessInfo(p.Pid, Packing.Unpack(p.Info)))];
    }

    /// <inheritdoc />
    public async ValueTask UpdateAsync(INamespaceScope scope, string containerId, PackedMessage? resources,
        IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken = default)
    {
        var request = new UpdateTaskRequest { Id = containerId, Resources = Packing.Pack(resources) };
        foreach (var (key, value) in annotations)
        {
            request.Annotations[key] = value;
        }

        await Find(scope, containerId).Shim.UpdateAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessExit> WaitAsync(INamespaceScope scope, string containerId, string execId, CancellationToken cancellationToken = default)
    {
        var shim = Find(scope, containerId).Shim;
        var waited = await shim.WaitAsync(new WaitRequest { Id = containerId, ExecId = execId }, cancellationToken);
        return new ProcessExit(execId.Length == 0 ? containerId : execId, 0, waited.ExitStatus,
            TaskMessages.ExitTime(waited.ExitedAt) ?? DateTimeOffset.UtcNow);
    }
}
