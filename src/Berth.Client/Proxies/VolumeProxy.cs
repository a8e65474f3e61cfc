using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Google.Protobuf.WellKnownTypes;
using Rpc = Berth.Api.Containers.V1.Volumes;
using Volume = Berth.Core.Engine.Volume;

namespace Berth.Client.Proxies;

/// <summary><see cref="IVolumeClient"/> over berth's Volumes service.</summary>
internal sealed class VolumeProxy(Rpc.VolumesClient client) : IVolumeClient
{
    public async ValueTask<Volume> CreateAsync(VolumeCreate request, CancellationToken cancellationToken = default)
        => (await client.CreateAsync(VolumeCreateRequest.FromCore(request), cancellationToken: cancellationToken).ConfigureAwait(false)).ToCore();

    public async ValueTask<Volume> InspectAsync(string name, CancellationToken cancellationToken = default)
        => (await client.InspectAsync(new VolumeRef { Name = name }, cancellationToken: cancellationToken).ConfigureAwait(false)).ToCore();

    public async ValueTask<IReadOnlyList<Volume>> ListAsync(CancellationToken cancellationToken = default)
        => [.. (await client.ListAsync(new Empty(), cancellationToken: cancellationToken).ConfigureAwait(false)).Volumes.Select(v => v.ToCore())];

    public async ValueTask RemoveAsync(string name, bool force = false, CancellationToken cancellationToken = default)
        => await client.RemoveAsync(new VolumeRemoveRequest { Name = name, Force = force }, cancellationToken: cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<string>> PruneAsync(bool all = false, CancellationToken cancellationToken = default)
        => [.. (await client.PruneAsync(new VolumePruneRequest { All = all }, cancellationToken: cancellationToken).ConfigureAwait(false)).Removed];
}
