using Berth.Api.Conversions;
using Berth.Core.Metadata;
using Berth.Services.Grpc;
using Containerd.Services.Leases.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Containerd.Services.Leases.V1.Leases;

namespace Berth.Services.Leases;

/// <summary>containerd's Leases service over the namespace's <see cref="Core.Leases.ILeaseManager"/>.</summary>
internal sealed class LeasesGrpcService(IMetadataStore metadata) : Rpc.LeasesBase
{
    public override async Task<CreateResponse> Create(CreateRequest request, ServerCallContext context)
    {
        var lease = await metadata.Resolve(context).Leases.CreateAsync(request.Id, Wire.ToLabels(request.Labels), context.CancellationToken);
        return new CreateResponse { Lease = Lease.FromCore(lease) };
    }

    public override async Task<Empty> Delete(DeleteRequest request, ServerCallContext context)
    {
        await metadata.Resolve(context).Leases.DeleteAsync(request.Id, request.Sync, context.CancellationToken);
        return new Empty();
    }

    public override async Task<ListResponse> List(ListRequest request, ServerCallContext context)
    {
        var response = new ListResponse();
        await foreach (var lease in metadata.Resolve(context).Leases.ListAsync([.. request.Filters], context.CancellationToken))
        {
            response.Leases.Add(Lease.FromCore(lease));
        }

        return response;
    }

    public override async Task<Empty> AddResource(AddResourceRequest request, ServerCallContext context)
    {
        await metadata.Resolve(context).Leases.AddResourceAsync(request.Id, ToCore(request.Resource), context.CancellationToken);
        return new Empty();
    }

    public override async Task<Empty> DeleteResource(DeleteResourceRequest request, ServerCallContext context)
    {
        await metadata.Resolve(context).Leases.DeleteResourceAsync(request.Id, ToCore(request.Resource), context.CancellationToken);
        return new Empty();
    }

    public override async Task<ListResourcesResponse> ListResources(ListResourcesRequest request, ServerCallContext context)
    {
        var response = new ListResourcesResponse();
        foreach (var resource in await metadata.Resolve(context).Leases.ListResourcesAsync(request.Id, context.CancellationToken))
        {
            response.Resources.Add(Resource.FromCore(resource));
        }

        return response;
    }

    private static Core.Leases.LeaseResource ToCore(Resource? resource)
        => (resource ?? throw new Core.Errors.InvalidArgumentException("resource is required")).ToCore();
}
