using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class NamespacedSnapshotter
{
    public ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
        => CreateAsync(key, parent, SnapshotKind.Active, labels, cancellationToken);

    public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
        => CreateAsync(key, parent, SnapshotKind.View, labels, cancellationToken);

    /// <summary>
    /// Checks the key and parent and numbers the backend key in one transaction, creates the backend snapshot, then
    /// records it in a second; if recording fails, the backend snapshot is removed again.
    /// </summary>
    private async ValueTask<IReadOnlyList<Mount>> CreateAsync(string key, string? parent, SnapshotKind kind,
        IReadOnlyDictionary<string, string>? labels, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidArgumentException("a snapshot key must not be empty");
        }

        LabelSet.Validate(labels);
        parent = string.IsNullOrEmpty(parent) ? null : parent;
        using var shared = await store.CollectionLock.SharedAsync(cancellationToken);
        var (backendKey, backendParent) = store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            // The unpacker names the chain ID it is about to create; if this namespace has it, it skips the layer.
            if (labels is not null && labels.TryGetValue(TargetLabel, out var target) && Find(c, t, target) is not null)
            {
                throw new AlreadyExistsException($"target snapshot {target} already exists in namespace {@namespace}");
            }

            if (Find(c, t, key) is not null)
            {
                throw new AlreadyExistsException($"snapshot {key} already exists in namespace {@namespace}: pick another key");
            }

            string? backendParent = parent is null ? null : CommittedParent(c, t, parent).BackendKey;
            long sequence = MetadataStore.NextSequence(c, t, "snapshots");
            return ($"{@namespace}/{sequence}/{key}", backendParent);
        });

        var mounts = kind == SnapshotKind.View
            ? await backend.ViewAsync(backendKey, backendParent, Inherited(labels), cancellationToken)
            : await backend.PrepareAsync(backendKey, backendParent, Inherited(labels), cancellationToken);
        try
        {
            store.Database.Write((c, t) =>
            {
                store.EnsureNamespace(c, t, @namespace);
                if (parent is not null && CommittedParent(c, t, parent).BackendKey != backendParent)
                {
                    throw new AlreadyExistsException($"parent {parent} was replaced while {key} was being created: try again");
                }

                InsertRecord(c, t, key, backendKey, parent, kind, labels);
                LeaseRows.Attach(c, t, @namespace, lease, LeaseRows.Snapshots(snapshotter), key);
            });
        }
        catch
        {
            await RemoveBackendAsync(backendKey);
            throw;
        }

        return mounts;
    }

    private SnapshotRecord CommittedParent(SqliteConnection connection, SqliteTransaction transaction, string parent)
    {
        var record = Find(connection, transaction, parent)
            ?? throw new NotFoundException($"parent snapshot {parent} does not exist in namespace {@namespace}");
        return record.Info.Kind == SnapshotKind.Committed
            ? record
            : throw new InvalidArgumentException($"parent {parent} is not a committed snapshot: commit it first");
    }

    private void InsertRecord(SqliteConnection connection, SqliteTransaction transaction, string key, string backendKey,
        string? parent, SnapshotKind kind, IReadOnlyDictionary<string, string>? labels)
    {
        long now = Timestamps.ToStored(store.Now());
        int inserted = SqliteDatabase.Execute(connection, transaction,
            """
            INSERT INTO snapshots (namespace, snapshotter, key, backend_key, parent, kind, labels, created, updated)
            VALUES ($ns, $sn, $key, $bkey, $parent, $kind, $labels, $now, $now)
            ON CONFLICT(namespace, snapshotter, key) DO NOTHING;
            """,
            ("$ns", @namespace), ("$sn", snapshotter), ("$key", key), ("$bkey", backendKey), ("$parent", parent),
            ("$kind", (int)kind), ("$labels", LabelsColumn.ToStored(labels)), ("$now", now));
        if (inserted == 0)
        {
            throw new AlreadyExistsException($"snapshot {key} already exists in namespace {@namespace}: pick another key");
        }
    }

    private async ValueTask RemoveBackendAsync(string backendKey)
    {
        try
        {
            await backend.RemoveAsync(backendKey, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The collector removes backend snapshots that no record names.
            MetadataLog.BackendRemoveFailed(store.Logger, snapshotter, backendKey, ex);
            store.ScheduleCollection();
        }
    }
}
