using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Services.Grpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Berth.Api.Containers.V1.Changes;

namespace Berth.Services.Engine;

/// <summary>
/// berth's Changes service (docker diff and commit) over <see cref="IContainerChanges"/>, looked up per call as the
/// engine is: without a runtime berthd has none, and the calls answer Unavailable. Errors go through the one mapping
/// interceptor.
/// </summary>
internal sealed class ChangesGrpcService(IMetadataStore metadata) : Rpc.ChangesBase
{
    public override async Task<DiffResponse> Diff(DiffRequest request, ServerCallContext context)
    {
        RequireContainer(request.Container);
        var changes = await Changes(context).DiffAsync(metadata.Resolve(context), request.Container, context.CancellationToken);
        var response = new DiffResponse();
        response.Changes.Add(changes.Select(PathChange.FromCore));
        return response;
    }

    public override async Task<CommitResponse> Commit(CommitRequest request, ServerCallContext context)
    {
        RequireContainer(request.Container);
        string id = await Changes(context).CommitAsync(metadata.Resolve(context), request.ToCore(), context.CancellationToken);
        return new CommitResponse { Id = id };
    }

    private static void RequireContainer(string container)
    {
        if (container.Length == 0)
        {
            throw new InvalidArgumentException("container is required: name the container by its id, id prefix or name");
        }
    }

    private static IContainerChanges Changes(ServerCallContext context)
        => context.GetHttpContext().RequestServices.GetService<IContainerChanges>()
            ?? throw new UnavailableException("berthd has no container engine: the runtime plugin did not load; see berthd's log");
}
