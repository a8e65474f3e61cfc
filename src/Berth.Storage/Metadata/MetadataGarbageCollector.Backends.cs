using Berth.Core.Errors;
using Berth.Core.Snapshots;
using Berth.Storage.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class MetadataGarbageCollector
{
    /// <summary>
    /// Removes from the backends what no record names: blobs no namespace references (nor an ingest expects),
    /// ingests no namespace owns, snapshots no record names (children first), then lets each snapshotter free its
    /// disk. Returns how many of those had no record before this collection: a crash's leftovers.
    /// </summary>
    private async ValueTask<(int Content, int Snapshots, int Ingests)> SweepBackendsAsync(SweptRecords swept,
        CancellationToken cancellationToken)
    {
        var (digests, ingestRefs, snapshotKeys) = store.Database.Read(c => (
            Strings(c, "SELECT digest FROM content UNION SELECT expected FROM ingests WHERE expected IS NOT NULL;"),
            Strings(c, "SELECT backend_ref FROM ingests;"),
            Strings(c, "SELECT snapshotter || '/' || backend_key FROM snapshots;")));

        var sweptDigests = swept.Content.Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        int content = 0;
        var blobs = await store.BackendContent.WalkAsync(null, cancellationToken).ToListAsync(cancellationToken);
        foreach (var blob in blobs.Where(b => !digests.Contains(b.Digest.ToString())))
        {
            try
            {
                await store.BackendContent.DeleteAsync(blob.Digest, cancellationToken);
                content += sweptDigests.Contains(blob.Digest.ToString()) ? 0 : 1;
            }
            catch (BerthException ex)
            {
                LogSweepFailure("content", blob.Digest.ToString(), ex);
            }
        }

        var sweptRefs = swept.Ingests.Select(i => i.BackendRef).ToHashSet(StringComparer.Ordinal);
        int ingests = 0;
        var statuses = await store.BackendContent.ListStatusesAsync(null, cancellationToken).ToListAsync(cancellationToken);
        foreach (var status in statuses.Where(s => !ingestRefs.Contains(s.Ref)))
        {
            try
            {
                await store.BackendContent.AbortAsync(status.Ref, cancellationToken);
                ingests += sweptRefs.Contains(status.Ref) ? 0 : 1;
            }
            catch (BerthException ex)
            {
                LogSweepFailure("ingest", status.Ref, ex);
            }
        }

        var sweptKeys = swept.Snapshots.Select(s => s.Snapshotter + "/" + s.BackendKey).ToHashSet(StringComparer.Ordinal);
        int snapshots = 0;
        foreach (var (name, snapshotter) in store.BackendSnapshotters)
        {
            var removed = await PruneSnapshotterAsync(name, snapshotter, snapshotKeys, cancellationToken);
            snapshots += removed.Count(key => !sweptKeys.Contains(name + "/" + key));
        }

        return (content, snapshots, ingests);
    }

    /// <summary>Removes the backend snapshots no record names, leaves first; returns their keys.</summary>
    private async ValueTask<List<string>> PruneSnapshotterAsync(string name, ISnapshotter snapshotter, HashSet<string> recorded,
        CancellationToken cancellationToken)
    {
        var infos = await snapshotter.WalkAsync(null, cancellationToken).ToListAsync(cancellationToken);
        var children = infos.Where(i => i.Parent is not null).ToLookup(i => i.Parent!, StringComparer.Ordinal);
        var removed = new List<string>();
        async ValueTask PruneAsync(SnapshotInfo info)
        {
            foreach (var child in children[info.Name])
            {
                await PruneAsync(child);
            }

            if (recorded.Contains(name + "/" + info.Name))
            {
                return;
            }

            try
            {
                await snapshotter.RemoveAsync(info.Name, cancellationToken);
                removed.Add(info.Name);
            }
            catch (BerthException ex)
            {
                // A snapshot with a recorded child stays (FailedPrecondition), as in containerd.
                LogSweepFailure("snapshot", name + "/" + info.Name, ex);
            }
        }

        var names = infos.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var root in infos.Where(i => i.Parent is null || !names.Contains(i.Parent)))
        {
            await PruneAsync(root);
        }

        try
        {
            await snapshotter.CleanupAsync(cancellationToken);
        }
        catch (UnimplementedException)
        {
        }

        return removed;
    }

    private static HashSet<string> Strings(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = SqliteDatabase.Command(connection, null, sql);
        using var reader = command.ExecuteReader();
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
