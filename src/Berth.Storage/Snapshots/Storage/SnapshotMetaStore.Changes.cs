using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Snapshots;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Snapshots.Storage;

internal sealed partial class SnapshotMetaStore
{
    /// <summary>
    /// Checks, without a change, that <paramref name="key"/> is free and <paramref name="parent"/> committed, so that a
    /// backend fails before it spends time filling a folder. Returns the ancestors (parent first).
    /// </summary>
    public IReadOnlyList<long> CheckCreate(string key, string? parent)
        => _database.Read(connection => CheckNew(connection, null, key, parent));

    /// <summary>
    /// Records a new active snapshot or view in one transaction, and runs <paramref name="inTransaction"/> with its id
    /// before committing: whatever it does on disk becomes visible together with the record, and a failure (exception)
    /// leaves no record. <paramref name="expectedParentId"/> guards against the parent being replaced meanwhile.
    /// </summary>
    public SnapshotLayers Create(SnapshotKind kind, string key, string? parent, IReadOnlyDictionary<string, string>? labels,
        long? expectedParentId, Action<long> inTransaction) => _database.Write((connection, transaction) =>
    {
        var ancestors = CheckNew(connection, transaction, key, parent);
        if (ancestors.Count > 0 && expectedParentId is not null && ancestors[0] != expectedParentId)
        {
            throw new AbortedException($"parent snapshot {parent} was replaced while {key} was being prepared: retry");
        }

        long now = Timestamps.ToStored(DateTimeOffset.UtcNow);
        long id = SqliteDatabase.Scalar(connection, transaction, """
            INSERT INTO snapshots (name, parent_id, kind, labels, created, updated)
            VALUES ($name, $parent, $kind, $labels, $now, $now) RETURNING id
            """,
            ("$name", key), ("$parent", ancestors.Count > 0 ? ancestors[0] : null), ("$kind", (long)kind),
            ("$labels", LabelsColumn.ToStored(labels)), ("$now", now));
        inTransaction(id);
        return new SnapshotLayers(id, kind, ancestors);
    });

    /// <summary>Turns the active snapshot <paramref name="key"/> into <paramref name="name"/>, its usage not yet measured.</summary>
    public void Commit(string name, string key, IReadOnlyDictionary<string, string>? labels)
        => _database.Write((connection, transaction) =>
        {
            long id = CheckCommittable(connection, transaction, name, key).Id;
            long now = Timestamps.ToStored(DateTimeOffset.UtcNow);
            SqliteDatabase.Execute(connection, transaction, """
                UPDATE snapshots SET name = $name, kind = $kind, labels = $labels, created = $now, updated = $now,
                    size = $size, inodes = $inodes WHERE id = $id
                """,
                ("$name", name), ("$kind", (long)SnapshotKind.Committed), ("$labels", LabelsColumn.ToStored(labels)),
                ("$now", now), ("$size", SnapshotRecord.Unmeasured.Size), ("$inodes", SnapshotRecord.Unmeasured.Inodes), ("$id", id));
        });

    /// <summary>Keeps the measured usage of committed snapshot <paramref name="id"/>; a snapshot removed meanwhile is skipped.</summary>
    public void SetUsage(long id, SnapshotUsage usage)
        => _database.Write((connection, transaction) => SqliteDatabase.Execute(connection, transaction,
            "UPDATE snapshots SET size = $size, inodes = $inodes WHERE id = $id AND kind = $kind",
            ("$size", usage.Size), ("$inodes", usage.Inodes), ("$id", id), ("$kind", (long)SnapshotKind.Committed)));

    /// <summary>Deletes the record of a snapshot without children; returns what it was.</summary>
    public SnapshotRecord Remove(string key) => _database.Write((connection, transaction) =>
    {
        var record = Find(connection, transaction, key) ?? throw NotFound(key);
        var children = new List<string>();
        using (var command = SqliteDatabase.Command(connection, transaction,
            "SELECT name FROM snapshots WHERE parent_id = $id ORDER BY id LIMIT 4", ("$id", record.Id)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                children.Add(reader.GetString(0));
            }
        }

        if (children.Count > 0)
        {
            throw new FailedPreconditionException(
                $"cannot remove snapshot {key}: it has children ({string.Join(", ", children.Take(3))}{(children.Count > 3 ? ", …" : "")}); remove them first");
        }

        SqliteDatabase.Execute(connection, transaction, "DELETE FROM snapshots WHERE id = $id", ("$id", record.Id));
        return record;
    });

    /// <summary>Changes labels following containerd's field paths; any other path is InvalidArgument.</summary>
    public SnapshotRecord Update(SnapshotInfo info, IReadOnlyList<string>? fieldPaths) => _database.Write((connection, transaction) =>
    {
        var record = Find(connection, transaction, info.Name) ?? throw NotFound(info.Name);
        var (labels, others) = LabelSet.ApplyUpdate(record.Labels, info.Labels, fieldPaths);
        if (others.Count > 0)
        {
            throw new InvalidArgumentException(
                $"cannot update field {others[0]} of snapshot {info.Name}: only labels and labels.<key> can change");
        }

        LabelSet.Validate(labels);
        var now = DateTimeOffset.UtcNow;
        SqliteDatabase.Execute(connection, transaction, "UPDATE snapshots SET labels = $labels, updated = $now WHERE id = $id",
            ("$labels", LabelsColumn.ToStored(labels)), ("$now", Timestamps.ToStored(now)), ("$id", record.Id));
        return Find(connection, transaction, info.Name)!;
    });

    /// <summary>
    /// Runs <paramref name="action"/> with the ids of every snapshot while holding the write lock, so that no snapshot
    /// appears or disappears meanwhile (a create renames its folder inside its transaction).
    /// </summary>
    public T WithIdsLocked<T>(Func<IReadOnlySet<long>, T> action) => _database.Write((connection, transaction) =>
    {
        var ids = new HashSet<long>();
        using (var command = SqliteDatabase.Command(connection, transaction, "SELECT id FROM snapshots"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        return action(ids);
    });

    private static List<long> CheckNew(SqliteConnection connection, SqliteTransaction? transaction, string key, string? parent)
    {
        if (Find(connection, transaction, key) is not null)
        {
            throw new AlreadyExistsException($"snapshot {key} already exists: use another key, or remove it first");
        }

        if (parent is null)
        {
            return [];
        }

        var record = Find(connection, transaction, parent)
            ?? throw new NotFoundException($"parent snapshot {parent} not found: commit it before building on it");
        if (record.Kind != SnapshotKind.Committed)
        {
            throw new InvalidArgumentException(
                $"parent snapshot {parent} is {SnapshotFields.KindName(record.Kind)}, not committed: commit it before building on it");
        }

        return Ancestors(connection, transaction, record.Id);
    }

    private static SnapshotRecord CheckCommittable(SqliteConnection connection, SqliteTransaction? transaction, string name, string key)
    {
        var record = Find(connection, transaction, key) ?? throw NotFound(key);
        if (record.Kind != SnapshotKind.Active)
        {
            throw new FailedPreconditionException(
                $"snapshot {key} is {SnapshotFields.KindName(record.Kind)}, not active: only an active snapshot can be committed");
        }

        if (Find(connection, transaction, name) is not null)
        {
            throw new AlreadyExistsException($"snapshot {name} already exists: commit under another name, or remove it first");
        }

        return record;
    }
}
