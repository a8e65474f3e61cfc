using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;

namespace Berth.Storage.Snapshots;

public abstract partial class LocalSnapshotter
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Create(SnapshotKind.Active, key, parent, labels, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Create(SnapshotKind.View, key, parent, labels, cancellationToken));

    private IReadOnlyList<Mount> Create(SnapshotKind kind, string key, string? parent, IReadOnlyDictionary<string, string>? labels,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidArgumentException("snapshot key must not be empty");
        }

        LabelSet.Validate(labels);
        parent = string.IsNullOrEmpty(parent) ? null : parent;

        // Fail before filling a folder, which for the native backend means copying the whole parent.
        var ancestors = Meta.CheckCreate(key, parent);
        long? parentId = ancestors.Count > 0 ? ancestors[0] : null;
        if (!HasFolder(kind, ancestors.Count))
        {
            var record = Meta.Create(kind, key, parent, labels, parentId, static _ => { });
            SnapshotterLog.Created(Logger, kind.ToString(), key, record.Id);
            return MountsOf(record);
        }

        string temporary = CreateTemporaryFolder();
        string? renamed = null;
        string? stale = null;
        try
        {
            Populate(temporary, kind, ancestors, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var layers = Meta.Create(kind, key, parent, labels, parentId, id =>
            {
                string target = FolderOf(id);
                if (Path.Exists(target))
                {
                    // Left by a crash after the rename of a create whose transaction (and so its id) was rolled back.
                    stale = Path.Combine(SnapshotsPath, $"rm-{Path.GetFileName(target)}-{RandomSuffix()}");
                    Directory.Move(target, stale);
                }

                Directory.Move(temporary, target);
                renamed = target;
                Syscalls.SyncDirectory(SnapshotsPath);
            });
            SnapshotterLog.Created(Logger, kind.ToString(), key, layers.Id);
            return MountsOf(layers);
        }
        catch
        {
            // No record: the transaction rolled back, or its commit failed after the rename.
            DeleteQuietly(temporary);
            if (renamed is not null)
            {
                DeleteQuietly(renamed);
            }

            throw;
        }
        finally
        {
            if (stale is not null)
            {
                DeleteQuietly(stale);
            }

            _inFlight.TryRemove(Path.GetFileName(temporary), out _);
        }
    }

    private string CreateTemporaryFolder()
    {
        while (true)
        {
            string name = "new-" + RandomSuffix();
            if (!_inFlight.TryAdd(name, 0))
            {
                continue;
            }

            string path = Path.Combine(SnapshotsPath, name);
            try
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                return path;
            }
            catch
            {
                _inFlight.TryRemove(name, out _);
                throw;
            }
        }
    }

    // Unique, not secret: a Guid avoids loading OpenSSL (RandomNumberGenerator) on the daemon's start-up path.
    private static string RandomSuffix() => Guid.NewGuid().ToString("N")[..16];
}
