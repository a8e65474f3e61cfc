using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Services.Grpc;
using Containerd.Services.Tasks.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Berth.Services.Tasks;

internal sealed partial class TasksGrpcService
{
    public override async Task<Empty> Exec(ExecProcessRequest request, ServerCallContext context)
    {
        var spec = Packing.Unpack(request.Spec) ?? throw new InvalidArgumentException($"exec {request.ExecId} in task {request.ContainerId} needs a process spec");
        await Tasks(context).ExecAsync(metadata.Resolve(context), request.ContainerId, request.ExecId,
            new Core.Tasks.ProcessIo(request.Stdin, request.Stdout, request.Stderr, request.Terminal), spec, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> ResizePty(ResizePtyRequest request, ServerCallContext context)
    {
        await Tasks(context).ResizePtyAsync(metadata.Resolve(context), request.ContainerId, request.ExecId, request.Width, request.Height,
            context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> CloseIO(CloseIORequest request, ServerCallContext context)
    {
        await Tasks(context).CloseIOAsync(metadata.Resolve(context), request.ContainerId, request.ExecId, request.Stdin, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Pause(PauseTaskRequest request, ServerCallContext context)
    {
        await Tasks(context).PauseAsync(metadata.Resolve(context), request.ContainerId, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Resume(ResumeTaskRequest request, ServerCallContext context)
    {
        await Tasks(context).ResumeAsync(metadata.Resolve(context), request.ContainerId, context.CancellationToken);
        return Done;
    }

    public override async Task<ListPidsResponse> ListPids(ListPidsRequest request, ServerCallContext context)
    {
        var response = new ListPidsResponse();
        var processes = await Tasks(context).ListPidsAsync(metadata.Resolve(context), request.ContainerId, context.CancellationToken);
        response.Processes.Add(processes.Select(Containerd.V1.Types.ProcessInfo.FromCore));
        return response;
    }

    public override async Task<Empty> Update(UpdateTaskRequest request, ServerCallContext context)
    {
        await Tasks(context).UpdateAsync(metadata.Resolve(context), request.ContainerId, Packing.Unpack(request.Resources),
            request.Annotations, context.CancellationToken);
        return Done;
    }

    public override async Task<MetricsResponse> Metrics(MetricsRequest request, ServerCallContext context)
    {
        var response = new MetricsResponse();
        var metrics = await Tasks(context).MetricsAsync(metadata.Resolve(context), [.. request.Filters], context.CancellationToken);
        response.Metrics.Add(metrics.Select(Containerd.Types.Metric.FromCore));
        return response;
    }

    public override Task<CheckpointTaskResponse> Checkpoint(CheckpointTaskRequest request, ServerCallContext context)
        => throw new UnimplementedException("checkpointing a task is not supported by berthd");
}
