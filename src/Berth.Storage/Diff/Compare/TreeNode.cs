using Berth.Linux;

namespace Berth.Storage.Diff.Compare;

/// <summary>One path of a walked tree.</summary>
/// <param name="Path">Relative to the tree's root, '/'-separated.</param>
internal sealed record TreeNode(string Path, string HostPath, FileStatus Status);
