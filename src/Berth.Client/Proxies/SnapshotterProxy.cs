using System.Runtime.CompilerServices;
using Berth.Api.Conversions;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Containerd.Services.Snapshots.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Rpc = Containerd.Services.Snapshots.V1.Snapshots;

namespace Berth.Client.Proxies;

/// <summary><see cref="ISnapshotter"/> over containerd's Snapshots service: one snapshotter, named in every call.</summary>
internal sealed class SnapshotterProxy(Rpc.SnapshotsClient client, string snapshotter) : ISnapshotter
{
    public async ValueTask<SnapshotInfo> StatAsync(string key, CancellationToken cancellationToken = default)
        => (await client.StatAsync(new StatSnapshotRequest { Snapshotter = snapshotter, Key = key }, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Info.ToCore();

    public async ValueTask<SnapshotInfo> UpdateAsync(SnapshotInfo info, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default)
    {
        var request = new UpdateSnapshotRequest { Snapshotter = snapshotter, Info = Info.FromCore(info) };
        if (fieldPaths is { Count: > 0 })
        {
            request.UpdateMask = new FieldMask();
            request.UpdateMask.Paths.Add(fieldPaths);
        }

        return (await client.UpdateAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).Info.ToCore();
    }

    public async ValueTask<SnapshotUsage> UsageAsync(string key, CancellationToken cancellationToken = default)
    {
        var usage = await client.UsageAsync(new UsageRequest { Snapshotter = snapshotter, Key = key }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new SnapshotUsage(usage.Size, usage.Inodes);
    }

    public async ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default)
        => ToCore((await client.MountsAsync(new MountsRequest { Snapshotter = snapshotter, Key = key }, cancellationToken: cancellationToken)
            .ConfigureAwait(false)).Mounts);

    public async ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        var request = new PrepareSnapshotRequest { Snapshotter = snapshotter, Key = key, Parent = parent ?? string.Empty };
        Wire.Fill(request.Labels, labels ?? Core.Labels.LabelSet.Empty);
        return ToCore((await client.PrepareAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).Mounts);
    }

    public async ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        var request = new ViewSnapshotRequest { Snapshotter = snapshotter, Key = key, Parent = parent ?? string.Empty };
        Wire.Fill(request.Labels, labels ?? Core.Labels.LabelSet.Empty);
        return ToCore((await client.ViewAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).Mounts);
    }

    public async ValueTask CommitAsync(string name, string key, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        var request = new CommitSnapshotRequest { Snapshotter = snapshotter, Name = name, Key = key };
        Wire.Fill(request.Labels, labels ?? Core.Labels.LabelSet.Empty);
        await client.CommitAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
        => await client.RemoveAsync(new RemoveSnapshotRequest { Snapshotter = snapshotter, Key = key }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

    public async IAsyncEnumerable<SnapshotInfo> WalkAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListSnapshotsRequest { Snapshotter = snapshotter };
        request.Filters.Add(filters ?? []);
        using var call = client.List(request, cancellationToken: cancellationToken);
        while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            foreach (var info in call.ResponseStream.Current.Info)
            {
                yield return info.ToCore();
            }
        }
    }

    public async ValueTask CleanupAsync(CancellationToken cancellationToken = default)
        => await client.CleanupAsync(new CleanupRequest { Snapshotter = snapshotter }, cancellationToken: cancellationToken).ConfigureAwait(false);

    private static Mount[] ToCore(RepeatedField<Containerd.Types.Mount> mounts) => [.. mounts.Select(m => m.ToCore())];
}
