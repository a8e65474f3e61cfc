using System.Globalization;
using Berth.Storage.Snapshots.Storage;

namespace Berth.Storage.Snapshots;

public abstract partial class LocalSnapshotter
{
    /// <inheritdoc />
    public ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        var record = Meta.Remove(key);

        // The record is gone for good (ids are never reused), so a folder that cannot be deleted now is an orphan that
        // the next cleanup removes; the removal itself has succeeded.
        DeleteQuietly(FolderOf(record.Id));
        SnapshotterLog.Removed(Logger, key);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CleanupAsync(CancellationToken cancellationToken = default)
    {
        var orphans = Meta.WithIdsLocked(ids =>
        {
            var found = new List<string>();
            foreach (string path in Directory.EnumerateFileSystemEntries(SnapshotsPath, "*", SnapshotFolders.AllEntries))
            {
                string name = Path.GetFileName(path);
                if (_inFlight.ContainsKey(name))
                {
                    continue;
                }

                if (!long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
                {
                    found.Add(path);
                }
                else if (!ids.Contains(id) || name != id.ToString(CultureInfo.InvariantCulture))
                {
                    // Renamed while the lock is held: once it is released a create may take this id again.
                    string aside = Path.Combine(SnapshotsPath, $"rm-{name}-{RandomSuffix()}");
                    try
                    {
                        Directory.Move(path, aside);
                        found.Add(aside);
                    }
                    catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                    {
                        SnapshotterLog.DeleteFailed(Logger, path, exception);
                    }
                }
            }

            return found;
        });

        int removed = 0;
        foreach (string path in orphans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            removed += DeleteQuietly(path) ? 1 : 0;
        }

        if (orphans.Count > 0)
        {
            SnapshotterLog.CleanedUp(Logger, removed);
        }

        return ValueTask.CompletedTask;
    }

    private bool DeleteQuietly(string path)
    {
        try
        {
            SnapshotFolders.Delete(path);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            SnapshotterLog.DeleteFailed(Logger, path, exception);
            return false;
        }
    }
}
