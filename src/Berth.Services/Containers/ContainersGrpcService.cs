using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Services.Events;
using Berth.Services.Grpc;
using Containerd.Events;
using Containerd.Services.Containers.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

using Rpc = Containerd.Services.Containers.V1.Containers;
using WireContainer = Containerd.Services.Containers.V1.Container;

namespace Berth.Services.Containers;

/// <summary>
/// containerd's Containers service over the namespace's <see cref="Core.Containers.IContainerStore"/>: records only,
/// as containerd's; the client prepares the snapshot before a create and removes it before a delete.
/// </summary>
internal sealed class ContainersGrpcService(IMetadataStore metadata, IEventPublisher events) : Rpc.ContainersBase
{
    public override async Task<GetContainerResponse> Get(GetContainerRequest request, ServerCallContext context)
    {
        var container = await metadata.Resolve(context).Containers.GetAsync(request.Id, context.CancellationToken);
        return new GetContainerResponse { Container = WireContainer.FromCore(container) };
    }

    public override async Task<ListContainersResponse> List(ListContainersRequest request, ServerCallContext context)
    {
        var response = new ListContainersResponse();
        await foreach (var container in metadata.Resolve(context).Containers.ListAsync([.. request.Filters], context.CancellationToken))
        {
            response.Containers.Add(WireContainer.FromCore(container));
        }

        return response;
    }

    /// <summary>One container per message, as containerd streams them.</summary>
    public override async Task ListStream(ListContainersRequest request, IServerStreamWriter<ListContainerMessage> responseStream,
        ServerCallContext context)
    {
        await foreach (var container in metadata.Resolve(context).Containers.ListAsync([.. request.Filters], context.CancellationToken))
        {
            var message = new ListContainerMessage { Container = WireContainer.FromCore(container) };
            await responseStream.WriteAsync(message, context.CancellationToken);
        }
    }

    public override async Task<CreateContainerResponse> Create(CreateContainerRequest request, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        var container = (request.Container ?? throw new InvalidArgumentException("container is required")).ToCore();
        var created = WireContainer.FromCore(await scope.Containers.CreateAsync(container, context.CancellationToken));
        var ev = new ContainerCreate
        {
            Id = created.Id,
            Image = created.Image,
            Runtime = new ContainerCreate.Types.Runtime { Name = created.Runtime.Name, Options = created.Runtime.Options?.Clone() },
        };
        await events.PublishAsync(scope.Namespace, "/containers/create", ev, context.CancellationToken);
        return new CreateContainerResponse { Container = created };
    }

    public override async Task<UpdateContainerResponse> Update(UpdateContainerRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Container?.Id))
        {
            throw new InvalidArgumentException("Container.ID required: name the container to update");
        }

        var scope = metadata.Resolve(context);
        var updated = WireContainer.FromCore(await scope.Containers.UpdateAsync(
            request.Container.ToCore(), Wire.ToFieldPaths(request.UpdateMask), context.CancellationToken));
        var ev = new ContainerUpdate { Id = updated.Id, Image = updated.Image, SnapshotKey = updated.SnapshotKey };
        ev.Labels.Add(updated.Labels);
        await events.PublishAsync(scope.Namespace, "/containers/update", ev, context.CancellationToken);
        return new UpdateContainerResponse { Container = updated };
    }

    public override async Task<Empty> Delete(DeleteContainerRequest request, ServerCallContext context)
    {
        var scope = metadata.Resolve(context);
        await scope.Containers.DeleteAsync(request.Id, context.CancellationToken);
        var ev = new ContainerDelete { Id = request.Id };
        await events.PublishAsync(scope.Namespace, "/containers/delete", ev, context.CancellationToken);
        return new Empty();
    }
}
