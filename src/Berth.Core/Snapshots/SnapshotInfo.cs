namespace Berth.Core.Snapshots;

/// <summary>What a snapshotter knows of one snapshot.</summary>
/// <param name="Name">The key of an active snapshot or view, the name of a committed one.</param>
/// <param name="Parent">The committed snapshot below, if any.</param>
public sealed record SnapshotInfo(string Name, string? Parent, SnapshotKind Kind, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Labels, such as <c>containerd.io/gc.root</c>.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Berth.Core.Labels.LabelSet.Empty;
}

/// <summary>The disk a snapshot uses by itself, not counting its parents.</summary>
public sealed record SnapshotUsage(long Size, long Inodes);
