namespace Berth.Storage.Diff.Compare;

/// <summary>One change; <paramref name="Node"/> is the upper tree's path, null for a deletion.</summary>
internal sealed record Change(ChangeKind Kind, string Path, TreeNode? Node);
