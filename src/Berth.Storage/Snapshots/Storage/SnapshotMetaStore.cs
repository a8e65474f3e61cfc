using Berth.Core.Errors;
using Berth.Core.Snapshots;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Snapshots.Storage;

/// <summary>
/// The bookkeeping of a local snapshotter, in <c>{root}/metadata.db</c>. Names are opaque and unique across kinds; a
/// parent is always committed. Changing the schema requires appending a migration:<code>
/// snapshots(id        INTEGER PRIMARY KEY AUTOINCREMENT  never reused once committed: it names the folder
///           name      TEXT UNIQUE                        key of an active snapshot or view, name of a committed one
///           parent_id → snapshots(id)                    committing keeps the id, so children stay linked
///           kind      INTEGER                            SnapshotKind's wire value
///           labels    TEXT                               JSON object (LabelsColumn)
///           created, updated INTEGER                     UTC ticks (Timestamps)
///           size, inodes INTEGER)                        measured at commit, 0 before</code>
/// </summary>
internal sealed partial class SnapshotMetaStore
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            parent_id INTEGER NULL REFERENCES snapshots(id),
            kind INTEGER NOT NULL,
            labels TEXT NOT NULL DEFAULT '{}',
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            inodes INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX snapshots_parent ON snapshots(parent_id);
        """,
    ];

    private const string SelectRecord = """
        SELECT s.id, s.name, s.parent_id, p.name, s.kind, s.labels, s.created, s.updated, s.size, s.inodes
        FROM snapshots s LEFT JOIN snapshots p ON p.id = s.parent_id
        """;

    private readonly SqliteDatabase _database;

    private SnapshotMetaStore(SqliteDatabase database) => _database = database;

    public static SnapshotMetaStore Open(string path) => new(SqliteDatabase.Open(path, Migrations));

    /// <summary>The snapshot named <paramref name="name"/>; NotFound if none.</summary>
    public SnapshotRecord Get(string name)
        => _database.Read(connection => Find(connection, null, name)) ?? throw NotFound(name);

    /// <summary>The snapshot and its ancestors, for mounting; FailedPrecondition if it is committed.</summary>
    public SnapshotLayers GetLayers(string key) => _database.Read(connection =>
    {
        var record = Find(connection, null, key) ?? throw NotFound(key);
        if (record.Kind == SnapshotKind.Committed)
        {
            throw new FailedPreconditionException(
                $"snapshot {key} is committed, and only active snapshots and views have mounts: prepare or view a snapshot on top of it");
        }

        return new SnapshotLayers(record.Id, record.Kind, Ancestors(connection, null, record.ParentId));
    });

    /// <summary>Every snapshot, in id order.</summary>
    public IReadOnlyList<SnapshotRecord> List() => _database.Read(connection =>
    {
        using var command = SqliteDatabase.Command(connection, null, SelectRecord + " ORDER BY s.id");
        return ReadAll(command);
    });

    private static SnapshotRecord? Find(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = SqliteDatabase.Command(connection, transaction, SelectRecord + " WHERE s.name = $name", ("$name", name));
        return ReadAll(command).FirstOrDefault();
    }

    // The parent first, then its parent, up to the base layer.
    private static List<long> Ancestors(SqliteConnection connection, SqliteTransaction? transaction, long? parentId)
    {
        var ids = new List<long>();
        if (parentId is null)
        {
            return ids;
        }

        using var command = SqliteDatabase.Command(connection, transaction, """
            WITH RECURSIVE chain(id, parent_id, depth) AS (
                SELECT id, parent_id, 0 FROM snapshots WHERE id = $id
                UNION ALL
                SELECT s.id, s.parent_id, c.depth + 1 FROM snapshots s JOIN chain c ON s.id = c.parent_id)
            SELECT id FROM chain ORDER BY depth
            """, ("$id", parentId.Value));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static List<SnapshotRecord> ReadAll(SqliteCommand command)
    {
        var records = new List<SnapshotRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(new SnapshotRecord(
                reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), (SnapshotKind)reader.GetInt64(4),
                LabelsColumn.FromStored(reader.GetString(5)), Timestamps.FromStored(reader.GetInt64(6)),
                Timestamps.FromStored(reader.GetInt64(7)), new SnapshotUsage(reader.GetInt64(8), reader.GetInt64(9))));
        }

        return records;
    }

    private static NotFoundException NotFound(string name)
        => new($"snapshot {name} not found: check the key or name (ctr snapshots ls lists them)");
}
