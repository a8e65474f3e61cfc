using Berth.Linux;
using Berth.Storage.Diff.Apply;

namespace Berth.Storage.Diff.Compare;

/// <summary>Walks a tree depth first, each folder's entries in <see cref="PathOrder"/>, without following symlinks.</summary>
internal static class TreeWalker
{
    public static IEnumerable<TreeNode> Walk(ISyscalls syscalls, string root, CancellationToken cancellationToken) =>
        WalkFolder(syscalls, root, string.Empty, cancellationToken);

    private static IEnumerable<TreeNode> WalkFolder(ISyscalls syscalls, string host, string rel, CancellationToken cancellationToken)
    {
        var names = Directory.EnumerateFileSystemEntries(host).Select(entry => Path.GetFileName(entry)).ToList();
        names.Sort(PathOrder.Instance);
        foreach (string name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string childHost = Path.Join(host, name);
            if (syscalls.Lstat(childHost) is not { } status)
            {
                continue;
            }

            var node = new TreeNode(EntryPath.Combine(rel, name), childHost, status);
            yield return node;
            if (status.Kind == FileKind.Directory)
            {
                foreach (var child in WalkFolder(syscalls, childHost, node.Path, cancellationToken))
                {
                    yield return child;
                }
            }
        }
    }
}
