using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Snapshots;
using Berth.Storage.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class NamespacedSnapshotter
{
    /// <summary>
    /// Commits under a new backend name inside the transaction that renames the record, as containerd does: if the
    /// backend refuses, nothing changes; the transaction cannot fail after the backend commit but for a crash.
    /// </summary>
    public async ValueTask CommitAsync(string name, string key, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidArgumentException("a committed snapshot's name must not be empty");
        }

        LabelSet.Validate(labels);
        using var shared = await store.CollectionLock.SharedAsync(cancellationToken);
        await store.WriteAsync(async (c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            if (Find(c, t, name) is not null)
            {
                throw new AlreadyExistsException($"snapshot {name} already exists in namespace {@namespace}: commit under another name");
            }

            var active = Find(c, t, key) ?? throw NotFound(key);
            if (active.Info.Kind != SnapshotKind.Active)
            {
                throw new FailedPreconditionException(
                    $"snapshot {key} is {active.Info.Kind.ToString().ToLowerInvariant()}, not active: only an active snapshot can be committed");
            }

            long sequence = MetadataStore.NextSequence(c, t, "snapshots");
            string backendName = $"{@namespace}/{sequence}/{name}";
            InsertRecord(c, t, name, backendName, active.Info.Parent, SnapshotKind.Committed, labels);
            SqliteDatabase.Execute(c, t, "DELETE FROM snapshots WHERE namespace = $ns AND snapshotter = $sn AND key = $key;",
                ("$ns", @namespace), ("$sn", snapshotter), ("$key", key));
            LeaseRows.Attach(c, t, @namespace, lease, LeaseRows.Snapshots(snapshotter), name);
            LeaseRows.Detach(c, t, @namespace, lease, LeaseRows.Snapshots(snapshotter), key);
            await backend.CommitAsync(backendName, active.BackendKey, Inherited(labels), cancellationToken);
            return true;
        });
    }

    /// <summary>Removes the record, then the backend snapshot; a backend failure is left to the collector.</summary>
    public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        using var shared = await store.CollectionLock.SharedAsync(cancellationToken);
        string backendKey = store.Database.Write((c, t) =>
        {
            var record = Find(c, t, key) ?? throw NotFound(key);
            if (SqliteDatabase.Scalar(c, t,
                    "SELECT 1 FROM snapshots WHERE namespace = $ns AND snapshotter = $sn AND parent = $key LIMIT 1;",
                    ("$ns", @namespace), ("$sn", snapshotter), ("$key", key)) == 1)
            {
                throw new FailedPreconditionException($"cannot remove snapshot {key}: it has children; remove them first");
            }

            SqliteDatabase.Execute(c, t, "DELETE FROM snapshots WHERE namespace = $ns AND snapshotter = $sn AND key = $key;",
                ("$ns", @namespace), ("$sn", snapshotter), ("$key", key));
            LeaseRows.Detach(c, t, @namespace, lease, LeaseRows.Snapshots(snapshotter), key);
            return record.BackendKey;
        });
        await RemoveBackendAsync(backendKey);

        // The parent chain may have lost its last reference.
        store.ScheduleCollection();
    }
}
