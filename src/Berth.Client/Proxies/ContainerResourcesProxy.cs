using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Rpc = Berth.Api.Containers.V1.Resources;

namespace Berth.Client.Proxies;

/// <summary><see cref="IContainerResourcesClient"/> over berth's Resources service.</summary>
internal sealed class ContainerResourcesProxy(Rpc.ResourcesClient client) : IContainerResourcesClient
{
    public async ValueTask<ProcessTable> TopAsync(string container, IReadOnlyList<string> psArgs, CancellationToken cancellationToken = default)
    {
        var request = new TopRequest { Container = container };
        request.PsArgs.Add(psArgs);
        return (await client.TopAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ToCore();
    }

    public async ValueTask<ContainerStatsSample> StatsAsync(string container, CancellationToken cancellationToken = default)
        => (await client.StatsAsync(new ContainerRef { Container = container }, cancellationToken: cancellationToken).ConfigureAwait(false)).ToCore();

    public async ValueTask UpdateAsync(string container, ResourceUpdate update, CancellationToken cancellationToken = default)
        => await client.UpdateAsync(ResourceUpdateRequest.FromCore(container, update), cancellationToken: cancellationToken).ConfigureAwait(false);
}
