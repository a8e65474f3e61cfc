namespace Berth.Storage.Diff.Compare;

/// <summary>
/// The order both trees are walked in (continuity's directoryCompare): by UTF-8 bytes, with '/' before any
/// other byte, so that a folder's content comes right after the folder and before its next sibling.
/// </summary>
internal sealed class PathOrder : IComparer<string>
{
    public static PathOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var left = (x ?? string.Empty).EnumerateRunes();
        var right = (y ?? string.Empty).EnumerateRunes();
        while (true)
        {
            bool hasLeft = left.MoveNext(), hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                return hasLeft.CompareTo(hasRight);
            }

            int a = left.Current.Value == '/' ? 0 : left.Current.Value;
            int b = right.Current.Value == '/' ? 0 : right.Current.Value;
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }
    }
}
