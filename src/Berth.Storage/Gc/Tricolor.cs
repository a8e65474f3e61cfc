namespace Berth.Storage.Gc;

/// <summary>
/// The mark phase of a tricolor mark and sweep (Dijkstra et al., "On-the-fly garbage collection", 1978): every node
/// reachable from a root is black, every other node white. The algorithm knows nothing of what the nodes are;
/// the resource graph comes in through <c>references</c>.
/// </summary>
internal static class Tricolor
{
    /// <summary>
    /// Every node reachable from <paramref name="roots"/>, with <see cref="GcNode.Flat"/> cleared so that a
    /// sweep can look resources up by identity alone.
    /// </summary>
    public static HashSet<GcNode> Mark(IEnumerable<GcNode> roots, Func<GcNode, IEnumerable<GcNode>> references)
    {
        var gray = new Stack<GcNode>(roots);
        var seen = new HashSet<GcNode>();
        var black = new HashSet<GcNode>();
        while (gray.Count > 0)
        {
            var node = gray.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            foreach (var target in references(node))
            {
                if (!seen.Contains(target))
                {
                    gray.Push(target);
                }
            }

            black.Add(node with { Flat = false });
        }

        return black;
    }
}
