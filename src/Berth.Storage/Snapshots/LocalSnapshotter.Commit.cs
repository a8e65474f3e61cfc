using Berth.Core.Errors;
using Berth.Core.Labels;

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

        // The usage is not measured here: a pull commits each layer before the next can be prepared on it, and the walk
        // over a fresh layer's files would sit on that path. A committed tree never changes, so the first Usage call
        // measures it once and keeps the figure.
        Meta.Commit(name, key, labels);
        SnapshotterLog.Committed(Logger, key, name);
        return ValueTask.CompletedTask;
    }
}
