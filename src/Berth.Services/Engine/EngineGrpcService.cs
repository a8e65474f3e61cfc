using Berth.Api.Containers.V1;
using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Services.Grpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using IContainerEngine = Berth.Core.Engine.IContainerEngine;
using Rpc = Berth.Api.Containers.V1.Engine;

namespace Berth.Services.Engine;

/// <summary>
/// berth's Engine service (docker's containers) over <see cref="IContainerEngine"/>. The engine is looked up per call
/// rather than injected: berthd registers it only when the runtime loaded, and without it the calls fail with
/// Unavailable, in words a user can act on, instead of failing to activate the service.
/// </summary>
internal sealed partial class EngineGrpcService(IMetadataStore metadata) : Rpc.EngineBase
{
    private static readonly Empty Done = new();

    public override async Task<CreateResponse> Create(CreateRequest request, ServerCallContext context)
    {
        if (request.Image.Length == 0)
        {
            throw new InvalidArgumentException("image is required: name the image to create the container from, such as busybox");
        }

        var engine = Engine(context);
        var created = await engine.CreateAsync(metadata.Resolve(context), request.ToCore(), context.CancellationToken);
        return CreateResponse.FromCore(created);
    }

    public override async Task<Empty> Start(ContainerRef request, ServerCallContext context)
    {
        await Engine(context).StartAsync(metadata.Resolve(context), request.Container, context.CancellationToken);
        return Done;
    }

    public override async Task<WaitResponse> Wait(WaitRequest request, ServerCallContext context)
    {
        var engine = Engine(context);
        var exit = await engine.WaitAsync(metadata.Resolve(context), request.Container, request.Condition.ToCore(), context.CancellationToken);
        return WaitResponse.FromCore(exit);
    }

    public override async Task<Empty> Stop(StopRequest request, ServerCallContext context)
    {
        await Engine(context).StopAsync(metadata.Resolve(context), request.Container, request.HasTimeout ? request.Timeout : null,
            EngineWire.NullIfEmpty(request.Signal), context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Restart(StopRequest request, ServerCallContext context)
    {
        await Engine(context).RestartAsync(metadata.Resolve(context), request.Container, request.HasTimeout ? request.Timeout : null,
            EngineWire.NullIfEmpty(request.Signal), context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Pause(ContainerRef request, ServerCallContext context)
    {
        await Engine(context).PauseAsync(metadata.Resolve(context), request.Container, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Unpause(ContainerRef request, ServerCallContext context)
    {
        await Engine(context).UnpauseAsync(metadata.Resolve(context), request.Container, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Rename(RenameRequest request, ServerCallContext context)
    {
        await Engine(context).RenameAsync(metadata.Resolve(context), request.Container, request.Name, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Kill(KillRequest request, ServerCallContext context)
    {
        await Engine(context).KillAsync(metadata.Resolve(context), request.Container, request.Signal, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> Remove(RemoveRequest request, ServerCallContext context)
    {
        await Engine(context).RemoveAsync(metadata.Resolve(context), request.Container, request.Force, request.Volumes, context.CancellationToken);
        return Done;
    }

    public override async Task<ListResponse> List(Empty request, ServerCallContext context)
    {
        var response = new ListResponse();
        await foreach (var details in Engine(context).ListAsync(metadata.Resolve(context), context.CancellationToken))
        {
            response.Containers.Add(Container.FromCore(details));
        }

        return response;
    }

    public override async Task<Container> Inspect(ContainerRef request, ServerCallContext context)
        => Container.FromCore(await Engine(context).InspectAsync(metadata.Resolve(context), request.Container, context.CancellationToken));

    public override async Task Logs(LogsRequest request, IServerStreamWriter<LogEntry> responseStream, ServerCallContext context)
    {
        var entries = Engine(context).LogsAsync(metadata.Resolve(context), request.Container, request.ToCore(), context.CancellationToken);
        await foreach (var entry in entries)
        {
            await responseStream.WriteAsync(LogEntry.FromCore(entry), context.CancellationToken);
        }
    }

    // Registered by berthd beside the task runtime; absent when the runtime plugin did not load.
    private static IContainerEngine Engine(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<IContainerEngine>()
            ?? throw new UnavailableException("berthd has no container engine: the runtime plugin did not load; see berthd's log");
}
