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

/// <summary>One change; <paramref name="Node"/> is the upper tree's path, null for a deletion.</summary>
internal sealed record Change(ChangeKind Kind, string Path, TreeNode? Node);
