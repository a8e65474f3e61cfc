using System.Runtime.CompilerServices;
using Containerd.Services.Containers.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Rpc = Containerd.Services.Containers.V1.Containers;
using WireContainer = Containerd.Services.Containers.V1.Container;

namespace Berth.Client.Proxies;

/// <summary><see cref="Core.Containers.IContainerStore"/> over containerd's Containers service.</summary>
internal sealed class ContainerStoreProxy(Rpc.ContainersClient client) : Core.Containers.IContainerStore
{
    public async ValueTask<Core.Containers.Container> GetAsync(string id, CancellationToken cancellationToken = default)
        => (await client.GetAsync(new GetContainerRequest { Id = id }, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Container.ToCore();

    /// <summary>Streams the listing, so a long one needs no single large message (as containerd's client).</summary>
    public async IAsyncEnumerable<Core.Containers.Container> ListAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListContainersRequest();
        request.Filters.Add(filters ?? []);
        using var call = client.ListStream(request, cancellationToken: cancellationToken);
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return message.Container.ToCore();
        }
    }

    public async ValueTask<Core.Containers.Container> CreateAsync(Core.Containers.Container container,
        CancellationToken cancellationToken = default)
        => (await client.CreateAsync(new CreateContainerRequest { Container = WireContainer.FromCore(container) },
            cancellationToken: cancellationToken).ConfigureAwait(false)).Container.ToCore();

    public async ValueTask<Core.Containers.Container> UpdateAsync(Core.Containers.Container container,
        IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default)
    {
        var request = new UpdateContainerRequest { Container = WireContainer.FromCore(container) };
        if (fieldPaths is { Count: > 0 })
        {
            request.UpdateMask = new FieldMask();
            request.UpdateMask.Paths.Add(fieldPaths);
        }

        return (await client.UpdateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).Container.ToCore();
    }

    public async ValueTask DeleteAsync(string id, CancellationToken cancellationToken = default)
        => await client.DeleteAsync(new DeleteContainerRequest { Id = id }, cancellationToken: cancellationToken).ConfigureAwait(false);
}
