namespace Berth.Storage.Diff.Compare;

/// <summary>What happened to a path between the lower and the upper tree (continuity's ChangeKind).</summary>
internal enum ChangeKind
{
    /// <summary>The same in both; reported only for hard-linked files, whose links the layer must keep together.</summary>
    Unmodified,
    Add,
    Modify,
    Delete,
}
