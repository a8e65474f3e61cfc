using Berth.Storage.Gc;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class MetadataGarbageCollector
{
    /// <summary>Deletes the records that were not marked; children go before parents.</summary>
    private static SweptRecords Sweep(SqliteConnection connection, SqliteTransaction transaction, ResourceGraph graph,
        HashSet<GcNode> marked, List<LeaseRow> expired)
    {
        foreach (var lease in expired)
        {
            SqliteDatabase.Execute(connection, transaction, "DELETE FROM leases WHERE namespace = $ns AND id = $id;",
                ("$ns", lease.Namespace), ("$id", lease.Id));
        }

        var content = graph.AllContent.Where(node => !marked.Contains(node)).ToList();
        foreach (var node in content)
        {
            SqliteDatabase.Execute(connection, transaction, "DELETE FROM content WHERE namespace = $ns AND digest = $digest;",
                ("$ns", node.Namespace), ("$digest", node.Key));
        }

        var ingests = graph.AllIngests.Where(i => !marked.Contains(i.Key)).Select(i => i.Value).ToList();
        foreach (var ingest in ingests)
        {
            SqliteDatabase.Execute(connection, transaction, "DELETE FROM ingests WHERE namespace = $ns AND ref = $ref;",
                ("$ns", ingest.Namespace), ("$ref", ingest.Ref));
        }

        // A marked snapshot's parent is marked too, so the unmarked ones form whole subtrees: deepest first.
        var all = graph.AllSnapshots.ToDictionary(s => s.Key, s => s.Value);
        var snapshots = all.Where(s => !marked.Contains(s.Key)).Select(s => s.Value)
            .OrderByDescending(s => Depth(s, all)).ToList();
        foreach (var snapshot in snapshots)
        {
            SqliteDatabase.Execute(connection, transaction,
                "DELETE FROM snapshots WHERE namespace = $ns AND snapshotter = $sn AND key = $key;",
                ("$ns", snapshot.Namespace), ("$sn", snapshot.Snapshotter), ("$key", snapshot.Key));
        }

        return new SweptRecords(content, snapshots, ingests, expired.Count);
    }

    private static int Depth(SnapshotRow snapshot, Dictionary<GcNode, SnapshotRow> all)
    {
        int depth = 0;
        for (var current = snapshot; current.Parent is not null; depth++)
        {
            if (!all.TryGetValue(GcNode.Snapshot(current.Namespace, current.Snapshotter, current.Parent), out var parent))
            {
                break;
            }

            current = parent;
        }

        return depth;
    }

    private sealed record SweptRecords(List<GcNode> Content, List<SnapshotRow> Snapshots, List<IngestRow> Ingests, int Leases);
}
