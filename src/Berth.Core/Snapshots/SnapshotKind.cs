namespace Berth.Core.Snapshots;

/// <summary>What a snapshot is (the numbers are containerd's wire values).</summary>
public enum SnapshotKind
{
    /// <summary>Unset.</summary>
    Unknown = 0,
    /// <summary>A read-only view of a committed snapshot.</summary>
    View = 1,
    /// <summary>A writable snapshot, which may be committed.</summary>
    Active = 2,
    /// <summary>An immutable snapshot that may be a parent.</summary>
    Committed = 3,
}
