using Berth.Core.Errors;
using Berth.Shim.Metrics;
using Containerd.Events;
using Containerd.Runc.V1;
using Containerd.Task.V2;
using Containerd.V1.Types;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Shim.Tasks;

internal sealed partial class TaskService
{
    public async Task PauseAsync(PauseRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        await container.Init.PauseAsync(cancellationToken);
        Publish("/tasks/paused", new TaskPaused { ContainerId = container.Id });
    }

    public async Task ResumeAsync(ResumeRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        await container.Init.ResumeAsync(cancellationToken);
        Publish("/tasks/resumed", new TaskResumed { ContainerId = container.Id });
    }

    /// <summary>The resources are OCI LinuxResources JSON, handed to <c>runtime update --resources -</c> as they are.</summary>
    public async Task UpdateAsync(UpdateTaskRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        if (request.Resources is null || request.Resources.Value.IsEmpty)
        {
            throw new InvalidArgumentException($"update {request.Id}: resources are required (OCI LinuxResources JSON)");
        }

        await container.Init.UpdateAsync(request.Resources.Value.Memory, cancellationToken);
    }

    /// <summary>The container's pids from <c>runtime ps</c>; an exec's pid carries its exec id (runc's ProcessDetails).</summary>
    public async Task<PidsResponse> PidsAsync(PidsRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        var pids = await container.Init.Runtime.PsAsync(container.Id, cancellationToken);
        var execs = container.Execs().Where(e => e.Pid > 0).ToDictionary(e => e.Pid, e => e.Id);
        var response = new PidsResponse();
        foreach (int pid in pids)
        {
            var info = new ProcessInfo { Pid = (uint)pid };
            if (execs.TryGetValue(pid, out string? execId))
            {
                // containerd's typeurl names a message by its bare full name.
                info.Info = new Any { TypeUrl = ProcessDetails.Descriptor.FullName, Value = new ProcessDetails { ExecId = execId }.ToByteString() };
            }

            response.Processes.Add(info);
        }

        return response;
    }

    /// <summary>The container's cgroup figures as containerd's cgroups v1 Metrics (legacy and hybrid hosts) or v2 Metrics
    /// (unified hosts); NotFound when the container or its cgroup is gone.</summary>
    public async Task<StatsResponse> StatsAsync(StatsRequest request, CancellationToken cancellationToken)
    {
        var container = Get(request.Id);
        var metrics = await _cgroups.Get(container.Id).ReadMetricsAsync(cancellationToken);
        return new StatsResponse { Stats = CgroupMetricsConverter.ToAny(metrics) };
    }

    public Task CheckpointAsync(CheckpointTaskRequest request, CancellationToken cancellationToken)
    {
        Get(request.Id);
        throw new UnimplementedException($"checkpoint of {request.Id}: berth-shim does not checkpoint containers (no CRIU support)");
    }
}
