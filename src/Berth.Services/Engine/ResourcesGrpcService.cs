using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Services.Grpc;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Berth.Api.Containers.V1.Resources;

namespace Berth.Services.Engine;

/// <summary>berth's Resources service (docker's top, stats, update) over <see cref="IContainerResources"/>, looked up per call as the engine is.</summary>
internal sealed class ResourcesGrpcService(IMetadataStore metadata) : Rpc.ResourcesBase
{
    public override async Task<TopResponse> Top(TopRequest request, ServerCallContext context)
        => TopResponse.FromCore(await Resources(context).TopAsync(metadata.Resolve(context), request.Container, [.. request.PsArgs], context.CancellationToken));

    public override async Task<StatsSample> Stats(ContainerRef request, ServerCallContext context)
        => StatsSample.FromCore(await Resources(context).StatsAsync(metadata.Resolve(context), request.Container, context.CancellationToken));

    public override async Task<Empty> Update(ResourceUpdateRequest request, ServerCallContext context)
    {
        await Resources(context).UpdateAsync(metadata.Resolve(context), request.Container, request.ToCore(), context.CancellationToken);
        return new Empty();
    }

    private static IContainerResources Resources(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<IContainerResources>()
            ?? throw new UnavailableException("berthd has no container engine: the runtime plugin did not load; see berthd's log");
}
