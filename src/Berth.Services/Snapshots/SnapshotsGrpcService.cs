using Berth.Api.Conversions;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Services.Events;
using Berth.Services.Grpc;
using Containerd.Services.Snapshots.V1;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ev = Containerd.Events;
using Rpc = Containerd.Services.Snapshots.V1.Snapshots;

namespace Berth.Services.Snapshots;

/// <summary>containerd's Snapshots service; every call names its snapshotter.</summary>
internal sealed class SnapshotsGrpcService(IMetadataStore metadata, IEventPublisher events) : Rpc.SnapshotsBase
{
    public override async Task<PrepareSnapshotResponse> Prepare(PrepareSnapshotRequest request, ServerCallContext context)
    {
        var (scope, snapshotter) = Resolve(context, request.Snapshotter);
        var mounts = await snapshotter.PrepareAsync(request.Key, NullIfEmpty(request.Parent), Wire.ToLabels(request.Labels), context.CancellationToken);
        await events.PublishAsync(scope.Namespace, "/snapshot/prepare",
            new Ev.SnapshotPrepare { Key = request.Key, Parent = request.Parent }, context.CancellationToken);
        var response = new PrepareSnapshotResponse();
        AddMounts(response.Mounts, mounts);
        return response;
    }

    public override async Task<ViewSnapshotResponse> View(ViewSnapshotRequest request, ServerCallContext context)
    {
        var (_, snapshotter) = Resolve(context, request.Snapshotter);
        var mounts = await snapshotter.ViewAsync(request.Key, NullIfEmpty(request.Parent), Wire.ToLabels(request.Labels), context.CancellationToken);
        var response = new ViewSnapshotResponse();
        AddMounts(response.Mounts, mounts);
        return response;
    }

    public override async Task<MountsResponse> Mounts(MountsRequest request, ServerCallContext context)
    {
        var (_, snapshotter) = Resolve(context, request.Snapshotter);
        var response = new MountsResponse();
        AddMounts(response.Mounts, await snapshotter.MountsAsync(request.Key, context.CancellationToken));
        return response;
    }

    public override async Task<Empty> Commit(CommitSnapshotRequest request, ServerCallContext context)
    {
        var (scope, snapshotter) = Resolve(context, request.Snapshotter);
        await snapshotter.CommitAsync(request.Name, request.Key, Wire.ToLabels(request.Labels), context.CancellationToken);
        await events.PublishAsync(scope.Namespace, "/snapshot/commit",
            new Ev.SnapshotCommit { Key = request.Key, Name = request.Name }, context.CancellationToken);
        return new Empty();
    }

    public override async Task<Empty> Remove(RemoveSnapshotRequest request, ServerCallContext context)
    {
        var (scope, snapshotter) = Resolve(context, request.Snapshotter);
        await snapshotter.RemoveAsync(request.Key, context.CancellationToken);
        await events.PublishAsync(scope.Namespace, "/snapshot/remove", new Ev.SnapshotRemove { Key = request.Key }, context.CancellationToken);
        return new Empty();
    }

    public override async Task<StatSnapshotResponse> Stat(StatSnapshotRequest request, ServerCallContext context)
    {
        var (_, snapshotter) = Resolve(context, request.Snapshotter);
        return new StatSnapshotResponse { Info = Info.FromCore(await snapshotter.StatAsync(request.Key, context.CancellationToken)) };
    }

    public override async Task<UpdateSnapshotResponse> Update(UpdateSnapshotRequest request, ServerCallContext context)
    {
        var (_, snapshotter) = Resolve(context, request.Snapshotter);
        var info = (request.Info ?? throw new InvalidArgumentException("info is required")).ToCore();
        var updated = await snapshotter.UpdateAsync(info, Wire.ToFieldPaths(request.UpdateMask), context.CancellationToken);
        return new UpdateSnapshotResponse { Info = Info.FromCore(updated) };
    }

    public override Task List(ListSnapshotsRequest request, IServerStreamWriter<ListSnapshotsResponse> responseStream, ServerCallContext context)
    {
        var (_, snapshotter) = Resolve(context, request.Snapshotter);
        return BatchedStream.WriteAsync(snapshotter.WalkAsync([.. request.Filters], context.CancellationToken).Select(Info.FromCore),
            responseStream, () => new ListSnapshotsResponse(), batch => batch.Info, context.CancellationToken);
    }

    public override async Task<UsageResponse> Usage(UsageRequest request, ServerCallContext context)
    {
        var (_, snapshotter) = Resolve(context, request.Snapshotter);
        var usage = await snapshotter.UsageAsync(request.Key, context.CancellationToken);
        return new UsageResponse { Size = usage.Size, Inodes = usage.Inodes };
    }

    public override async Task<Empty> Cleanup(CleanupRequest request, ServerCallContext context)
    {
        var (_, snapshotter) = Resolve(context, request.Snapshotter);
        await snapshotter.CleanupAsync(context.CancellationToken);
        return new Empty();
    }

    private (INamespaceScope Scope, ISnapshotter Snapshotter) Resolve(ServerCallContext context, string name)
    {
        var scope = metadata.Resolve(context);
        if (!metadata.Snapshotters.Contains(name))
        {
            throw new InvalidArgumentException($"snapshotter not loaded: {name}: use one of {string.Join(", ", metadata.Snapshotters)}");
        }

        return (scope, scope.Snapshotter(name));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static void AddMounts(RepeatedField<Containerd.Types.Mount> wire, IReadOnlyList<Mount> mounts)
    {
        foreach (var mount in mounts)
        {
            wire.Add(Containerd.Types.Mount.FromCore(mount));
        }
    }
}
