using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Storage.Gc;

namespace Berth.Storage.Metadata;

/// <summary>
/// Mark and sweep over every namespace (containerd's metadata.DB.GarbageCollect). With the collection lock held
/// exclusively, so that no writer has something in a backend that is not recorded yet: first one write transaction
/// reads the records, marks from the roots (<see cref="ResourceGraph"/>) and deletes the unmarked records and expired
/// leases, so that nothing recorded meanwhile can be lost; then the backends lose what no record names any more.
/// </summary>
internal sealed partial class MetadataGarbageCollector(MetadataStore store) : IGarbageCollector
{
    public void Schedule() => store.ScheduleCollection();

    public async ValueTask<GcResult> CollectAsync(CancellationToken cancellationToken = default)
    {
        long started = store.Time.GetTimestamp();
        using var exclusive = await store.CollectionLock.ExclusiveAsync(cancellationToken);
        var lastWrites = await BackendLastWritesAsync(cancellationToken);
        var swept = store.Database.Write((c, t) =>
        {
            var graph = ResourceGraph.Load(c, t);
            var expired = new List<LeaseRow>();
            var roots = graph.Roots(store.Now(), lastWrites, expired,
                (lease, value) => MetadataLog.InvalidExpiry(store.Logger, lease.Namespace, lease.Id, value));
            var marked = Tricolor.Mark(roots, graph.References);
            return Sweep(c, t, graph, marked, expired);
        });

        var orphans = await SweepBackendsAsync(swept, cancellationToken);
        return new GcResult(
            swept.Content.Count + orphans.Content,
            swept.Snapshots.Count + orphans.Snapshots,
            swept.Ingests.Count + orphans.Ingests,
            swept.Leases,
            store.Time.GetElapsedTime(started));
    }

    /// <summary>When each backend ingest was last written, for the ingests' grace period.</summary>
    private async ValueTask<Dictionary<string, DateTimeOffset>> BackendLastWritesAsync(CancellationToken cancellationToken)
    {
        var lastWrites = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var status in store.BackendContent.ListStatusesAsync(null, cancellationToken))
        {
            lastWrites[status.Ref] = status.UpdatedAt;
        }

        return lastWrites;
    }

    private void LogSweepFailure(string what, string key, Exception exception)
    {
        if (exception is not NotFoundException)
        {
            MetadataLog.SweepFailed(store.Logger, what, key, exception);
        }
    }
}
