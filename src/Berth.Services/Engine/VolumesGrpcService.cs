using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Services.Grpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Berth.Api.Containers.V1.Volumes;
using Volume = Berth.Api.Containers.V1.Volume;

namespace Berth.Services.Engine;

/// <summary>berth's Volumes service over <see cref="IVolumeStore"/>, looked up per call as the engine is.</summary>
internal sealed class VolumesGrpcService(IMetadataStore metadata) : Rpc.VolumesBase
{
    public override async Task<Volume> Create(VolumeCreateRequest request, ServerCallContext context)
        => Volume.FromCore(await Store(context).CreateAsync(metadata.Resolve(context), request.ToCore(), context.CancellationToken));

    public override async Task<Volume> Inspect(VolumeRef request, ServerCallContext context)
        => Volume.FromCore(await Store(context).InspectAsync(metadata.Resolve(context), request.Name, context.CancellationToken));

    public override async Task<VolumeList> List(Empty request, ServerCallContext context)
    {
        var list = new VolumeList();
        list.Volumes.Add((await Store(context).ListAsync(metadata.Resolve(context), context.CancellationToken)).Select(Volume.FromCore));
        return list;
    }

    public override async Task<Empty> Remove(VolumeRemoveRequest request, ServerCallContext context)
    {
        await Store(context).RemoveAsync(metadata.Resolve(context), request.Name, request.Force, context.CancellationToken);
        return new Empty();
    }

    public override async Task<VolumePruneResponse> Prune(VolumePruneRequest request, ServerCallContext context)
    {
        var response = new VolumePruneResponse();
        response.Removed.Add(await Store(context).PruneAsync(metadata.Resolve(context), request.All, context.CancellationToken));
        return response;
    }

    private static IVolumeStore Store(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<IVolumeStore>()
            ?? throw new UnavailableException("berthd has no volume store: the runtime plugin did not load; see berthd's log");
}
