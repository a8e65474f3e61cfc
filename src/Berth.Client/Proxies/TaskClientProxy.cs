using System.Runtime.CompilerServices;
using Berth.Api.Conversions;
using Berth.Core.Tasks;
using Containerd.Services.Tasks.V1;
using Rpc = Containerd.Services.Tasks.V1.Tasks;
using WireMount = Containerd.Types.Mount;

namespace Berth.Client.Proxies;

/// <summary>
/// <see cref="ITaskClient"/> over containerd's Tasks service, in the client's namespace.
/// </summary>
internal sealed partial class TaskClientProxy(Rpc.TasksClient client) : ITaskClient
{
    public async ValueTask<ProcessState> CreateAsync(TaskCreate request, CancellationToken cancellationToken = default)
    {
        var wire = new CreateTaskRequest
        {
            ContainerId = request.ContainerId,
            Stdin = request.Io.Stdin,
            Stdout = request.Io.Stdout,
            Stderr = request.Io.Stderr,
            Terminal = request.Io.Terminal,
            Options = Packing.Pack(request.Options),
            RuntimePath = request.RuntimePath,
        };
        wire.Rootfs.Add(request.Rootfs.Select(WireMount.FromCore));
        var created = await client.CreateAsync(wire, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ProcessState(created.ContainerId, string.Empty, created.Pid, ProcessStatus.Created, request.Io, 0, null);
    }

    public async ValueTask<uint> StartAsync(string containerId, string execId, CancellationToken cancellationToken = default)
        => (await client.StartAsync(new StartRequest { ContainerId = containerId, ExecId = execId }, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Pid;

    public async ValueTask<ProcessExit> DeleteAsync(string containerId, CancellationToken cancellationToken = default)
        => ToCore(await client.DeleteAsync(new DeleteTaskRequest { ContainerId = containerId }, cancellationToken: cancellationToken).ConfigureAwait(false));

    public async ValueTask<ProcessExit> DeleteProcessAsync(string containerId, string execId,
        CancellationToken cancellationToken = default)
        => ToCore(await client.DeleteProcessAsync(new DeleteProcessRequest { ContainerId = containerId, ExecId = execId }, cancellationToken: cancellationToken)
            .ConfigureAwait(false));

    public async ValueTask<ProcessState> GetAsync(string containerId, string execId, CancellationToken cancellationToken = default)
    {
        var process = (await client.GetAsync(new GetRequest { ContainerId = containerId, ExecId = execId }, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Process;
        // containerd names an exec process by its exec id and the init by the container's.
        return process.ToCore() with { ContainerId = containerId, ExecId = execId };
    }

    public async IAsyncEnumerable<ProcessState> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var listed = await client.ListAsync(new ListTasksRequest(), cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var process in listed.Tasks)
        {
            yield return process.ToCore() with { ExecId = string.Empty };
        }
    }

    public async ValueTask KillAsync(string containerId, string execId, uint signal, bool all,
        CancellationToken cancellationToken = default)
        => await client.KillAsync(new KillRequest { ContainerId = containerId, ExecId = execId, Signal = signal, All = all },
            cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask<ProcessExit> WaitAsync(string containerId, string execId, CancellationToken cancellationToken = default)
    {
        var exit = await client.WaitAsync(new WaitRequest { ContainerId = containerId, ExecId = execId }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new ProcessExit(execId.Length == 0 ? containerId : execId, 0, exit.ExitStatus, Wire.ToTime(exit.ExitedAt));
    }

    private static ProcessExit ToCore(DeleteResponse response) => new(response.Id, response.Pid, response.ExitStatus, Wire.ToTime(response.ExitedAt));
}
