using Berth.Core.Mounts;

namespace Berth.Core.Snapshots;

/// <summary>
/// Layered filesystems, as containerd's snapshotters. A snapshot starts active (<see cref="PrepareAsync"/>, writable)
/// or as a view (<see cref="ViewAsync"/>, read-only) on top of an optional committed parent; an active snapshot
/// becomes an immutable committed one with <see cref="CommitAsync"/>, which then may be a parent. The caller
/// mounts what <see cref="MountsAsync"/> returns. A snapshot with children cannot be removed.
/// </summary>
public interface ISnapshotter
{
    /// <summary>Information on a snapshot by key or name; NotFound if none.</summary>
    ValueTask<SnapshotInfo> StatAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Changes labels (field paths <c>labels</c>, <c>labels.&lt;key&gt;</c>; none: replace all).</summary>
    ValueTask<SnapshotInfo> UpdateAsync(SnapshotInfo info, IReadOnlyList<string>? fieldPaths = null, CancellationToken cancellationToken = default);

    /// <summary>The disk used by the snapshot itself.</summary>
    ValueTask<SnapshotUsage> UsageAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>How to mount an active snapshot or view.</summary>
    ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Creates a writable snapshot on top of <paramref name="parent"/> (a committed name) or empty.</summary>
    ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default);

    /// <summary>Creates a read-only view of <paramref name="parent"/>.</summary>
    ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default);

    /// <summary>Turns the active snapshot <paramref name="key"/> into the committed snapshot <paramref name="name"/>.</summary>
    ValueTask CommitAsync(string name, string key, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a snapshot; FailedPrecondition if it has children.</summary>
    ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every snapshot matching the filters (fields: <c>name</c>, <c>parent</c>, <c>kind</c>, <c>labels.&lt;key&gt;</c>).</summary>
    IAsyncEnumerable<SnapshotInfo> WalkAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default);

    /// <summary>Frees disk held by snapshots that were removed but whose files are still there.</summary>
    ValueTask CleanupAsync(CancellationToken cancellationToken = default);
}
