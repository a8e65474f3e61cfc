using Berth.Storage.Gc;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class ResourceGraph
{
    /// <summary>Reads every namespace's records, inside the collection's transaction.</summary>
    public static ResourceGraph Load(SqliteConnection connection, SqliteTransaction transaction)
    {
        var graph = new ResourceGraph();
        Query(connection, transaction, "SELECT namespace, digest, labels FROM content;", r =>
            graph._contentLabels[GcNode.Content(r.GetString(0), r.GetString(1))] = LabelsColumn.FromStored(r.GetString(2)));
        Query(connection, transaction, "SELECT namespace, snapshotter, key, backend_key, parent, labels FROM snapshots;", r =>
        {
            var row = new SnapshotRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetString(4), LabelsColumn.FromStored(r.GetString(5)));
            graph._snapshots[GcNode.Snapshot(row.Namespace, row.Snapshotter, row.Key)] = row;
        });
        Query(connection, transaction, "SELECT namespace, ref, backend_ref, expected, leased, updated FROM ingests;", r =>
        {
            var row = new IngestRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetInt64(4) != 0, Timestamps.FromStored(r.GetInt64(5)));
            graph._ingests[GcNode.Ingest(row.Namespace, row.Ref)] = row;
        });
        Query(connection, transaction, "SELECT namespace, name, digest, labels FROM images;", r =>
            graph._images.Add(new ImageRow(r.GetString(0), r.GetString(1), r.GetString(2), LabelsColumn.FromStored(r.GetString(3)))));
        graph.LoadContainers(connection, transaction);

        var leases = new Dictionary<(string, string), LeaseRow>();
        Query(connection, transaction, "SELECT namespace, id, labels FROM leases;", r =>
        {
            var row = new LeaseRow(r.GetString(0), r.GetString(1), LabelsColumn.FromStored(r.GetString(2)), []);
            leases[(row.Namespace, row.Id)] = row;
            graph._leases.Add(row);
        });
        Query(connection, transaction, "SELECT namespace, lease, type, id FROM lease_resources;", r =>
        {
            if (leases.TryGetValue((r.GetString(0), r.GetString(1)), out var lease))
            {
                lease.Resources.Add((r.GetString(2), r.GetString(3)));
            }
        });
        return graph;
    }

    private static void Query(SqliteConnection connection, SqliteTransaction transaction, string sql, Action<SqliteDataReader> row)
    {
        using var command = SqliteDatabase.Command(connection, transaction, sql);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }
}

internal sealed record SnapshotRow(string Namespace, string Snapshotter, string Key, string BackendKey, string? Parent,
    IReadOnlyDictionary<string, string> Labels);

internal sealed record IngestRow(string Namespace, string Ref, string BackendRef, string? Expected, bool Leased, DateTimeOffset Updated);

internal sealed record ImageRow(string Namespace, string Name, string TargetDigest, IReadOnlyDictionary<string, string> Labels);

internal sealed record LeaseRow(string Namespace, string Id, IReadOnlyDictionary<string, string> Labels,
    List<(string Type, string Id)> Resources);
