using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Rpc = Berth.Api.Containers.V1.Changes;

namespace Berth.Client.Proxies;

/// <summary><see cref="IContainerChangesClient"/> over berth's Changes service.</summary>
internal sealed class ContainerChangesProxy(Rpc.ChangesClient client) : IContainerChangesClient
{
    public async ValueTask<IReadOnlyList<FileChange>> DiffAsync(string container, CancellationToken cancellationToken = default)
    {
        var response = await client.DiffAsync(new DiffRequest { Container = container }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. response.Changes.Select(c => c.ToCore())];
    }

    public async ValueTask<string> CommitAsync(ContainerCommit request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await client.CommitAsync(CommitRequest.FromCore(request), cancellationToken: cancellationToken).ConfigureAwait(false)).Id;
    }
}
