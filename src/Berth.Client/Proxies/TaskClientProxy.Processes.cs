using Berth.Api.Conversions;
using Berth.Core.Containers;
using Berth.Core.Tasks;
using Containerd.Services.Tasks.V1;

namespace Berth.Client.Proxies;

internal sealed partial class TaskClientProxy
{
    public async ValueTask ExecAsync(string containerId, string execId, ProcessIo io, PackedMessage spec,
        CancellationToken cancellationToken = default)
        => await client.ExecAsync(new ExecProcessRequest
        {
            ContainerId = containerId,
            ExecId = execId,
            Stdin = io.Stdin,
            Stdout = io.Stdout,
            Stderr = io.Stderr,
            Terminal = io.Terminal,
            Spec = Packing.Pack(spec),
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask ResizePtyAsync(string containerId, string execId, uint width, uint height,
        CancellationToken cancellationToken = default)
        => await client.ResizePtyAsync(new ResizePtyRequest { ContainerId = containerId, ExecId = execId, Width = width, Height = height },
            cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask CloseIOAsync(string containerId, string execId, bool stdin, CancellationToken cancellationToken = default)
        => await client.CloseIOAsync(new CloseIORequest { ContainerId = containerId, ExecId = execId, Stdin = stdin }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async ValueTask PauseAsync(string containerId, CancellationToken cancellationToken = default)
        => await client.PauseAsync(new PauseTaskRequest { ContainerId = containerId }, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask ResumeAsync(string containerId, CancellationToken cancellationToken = default)
        => await client.ResumeAsync(new ResumeTaskRequest { ContainerId = containerId }, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<ProcessInfo>> ListPidsAsync(string containerId,
        CancellationToken cancellationToken = default)
        => [.. (await client.ListPidsAsync(new ListPidsRequest { ContainerId = containerId }, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Processes.Select(p => p.ToCore())];

    public async ValueTask UpdateAsync(string containerId, PackedMessage? resources,
        IReadOnlyDictionary<string, string> annotations, CancellationToken cancellationToken = default)
    {
        var request = new UpdateTaskRequest { ContainerId = containerId, Resources = Packing.Pack(resources) };
        foreach (var (key, value) in annotations)
        {
            request.Annotations[key] = value;
        }

        await client.UpdateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<TaskMetric>> MetricsAsync(IReadOnlyList<string> filters,
        CancellationToken cancellationToken = default)
    {
        var request = new MetricsRequest();
        request.Filters.Add(filters);
        return [.. (await client.MetricsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).Metrics.Select(m => m.ToCore())];
    }
}
