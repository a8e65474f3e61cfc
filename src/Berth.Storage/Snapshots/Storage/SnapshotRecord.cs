using Berth.Core.Snapshots;

namespace Berth.Storage.Snapshots.Storage;

/// <summary>One row of the snapshots table.</summary>
/// <param name="Id">Never reused; names the snapshot's folder.</param>
/// <param name="Usage">Of a committed snapshot, measured on first request (<see cref="Unmeasured"/> until then); zero for
/// active snapshots and views.</param>
internal sealed record SnapshotRecord(
    long Id, string Name, long? ParentId, string? Parent, SnapshotKind Kind, IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, SnapshotUsage Usage)
{
    /// <summary>Stored for a committed snapshot whose folder has not been measured yet.</summary>
    public static readonly SnapshotUsage Unmeasured = new(-1, -1);

    public SnapshotInfo ToInfo() => new(Name, Parent, Kind, CreatedAt, UpdatedAt) { Labels = Labels };
}

/// <summary>What a backend needs to build mounts: the snapshot and its committed ancestors, nearest first.</summary>
internal sealed record SnapshotLayers(long Id, SnapshotKind Kind, IReadOnlyList<long> ParentIds);
