using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Storage.Snapshots.Storage;

namespace Berth.Storage.Snapshots;

public abstract partial class LocalSnapshotter
{
    /// <inheritdoc />
    public ValueTask CommitAsync(string name, string key, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidArgumentException("name of the committed snapshot must not be empty");
        }

        LabelSet.Validate(labels);

        // Measured outside the transaction: the walk may be long, and the active snapshot is not written while it is
        // being committed (the caller has unmounted it). The transaction checks it is still the same snapshot.
        var active = Meta.CheckCommit(name, key);
        var usage = DiskUsage.Measure(DataPath(active.Id), Syscalls, cancellationToken);
        Meta.Commit(name, key, active.Id, usage, labels);
        SnapshotterLog.Committed(Logger, key, name);
        return ValueTask.CompletedTask;
    }
}
