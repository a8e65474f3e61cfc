using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Services.Grpc;
using Containerd.Services.Tasks.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

using Rpc = Containerd.Services.Tasks.V1.Tasks;
using WireProcess = Containerd.V1.Types.Process;

namespace Berth.Services.Tasks;

/// <summary>containerd's Tasks service over <see cref="ITaskManager"/>; the shims publish the task events themselves.</summary>
internal sealed partial class TasksGrpcService(IMetadataStore metadata) : Rpc.TasksBase
{
    private static readonly Empty Done = new();

    public override async Task<CreateTaskResponse> Create(CreateTaskRequest request, ServerCallContext context)
    {
        if (request.Checkpoint is not null)
        {
            throw new UnimplementedException("creating a task from a checkpoint is not supported by berthd");
        }

        var create = new TaskCreate(request.ContainerId, [.. request.Rootfs.Select(m => m.ToCore())],
            new ProcessIo(request.Stdin, request.Stdout, request.Stderr, request.Terminal), Packing.Unpack(request.Options), request.RuntimePath);
        var state = await Tasks(context).CreateAsync(metadata.Resolve(context), create, context.CancellationToken);
        return new CreateTaskResponse { ContainerId = state.ContainerId, Pid = state.Pid };
    }

    public override async Task<StartResponse> Start(StartRequest request, ServerCallContext context)
        => new() { Pid = await Tasks(context).StartAsync(metadata.Resolve(context), request.ContainerId, request.ExecId, context.CancellationToken) };

    public override async Task<DeleteResponse> Delete(DeleteTaskRequest request, ServerCallContext context)
        => ToWire(await Tasks(context).DeleteAsync(metadata.Resolve(context), request.ContainerId, context.CancellationToken));

    public override async Task<DeleteResponse> DeleteProcess(DeleteProcessRequest request, ServerCallContext context)
        => ToWire(await Tasks(context).DeleteProcessAsync(metadata.Resolve(context), request.ContainerId, request.ExecId, context.CancellationToken));

    public override async Task<GetResponse> Get(GetRequest request, ServerCallContext context)
        => new() { Process = WireProcess.FromCore(await Tasks(context).GetAsync(metadata.Resolve(context), request.ContainerId, request.ExecId, context.CancellationToken)) };

    /// <summary>Every task of the namespace; containerd ignores the filter too.</summary>
    public override async Task<ListTasksResponse> List(ListTasksRequest request, ServerCallContext context)
    {
        var response = new ListTasksResponse();
        await foreach (var state in Tasks(context).ListAsync(metadata.Resolve(context), context.CancellationToken))
        {
            response.Tasks.Add(WireProcess.FromCore(state));
        }

        return response;
    }

    public override async Task<Empty> Kill(KillRequest request, ServerCallContext context)
    {
        await Tasks(context).KillAsync(metadata.Resolve(context), request.ContainerId, request.ExecId, request.Signal, request.All, context.CancellationToken);
        return Done;
    }

    public override async Task<WaitResponse> Wait(WaitRequest request, ServerCallContext context)
    {
        var exit = await Tasks(context).WaitAsync(metadata.Resolve(context), request.ContainerId, request.ExecId, context.CancellationToken);
        return new WaitResponse { ExitStatus = exit.ExitStatus, ExitedAt = Wire.ToTimestamp(exit.ExitedAt) };
    }

    private static DeleteResponse ToWire(ProcessExit exit)
        => new() { Id = exit.Id, Pid = exit.Pid, ExitStatus = exit.ExitStatus, ExitedAt = Wire.ToTimestamp(exit.ExitedAt) };

    // Registered by the runtime plugin; absent when it did not load (no runtime on the machine, say).
    private static ITaskManager Tasks(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<ITaskManager>()
            ?? throw new UnavailableException("berthd has no task runtime: the runtime plugin did not load; see berthd's log");
}
