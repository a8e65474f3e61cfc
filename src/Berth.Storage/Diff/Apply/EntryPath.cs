namespace Berth.Storage.Diff.Apply;

/// <summary>Names inside a layer, cleaned the way GNU tar and containerd read them.</summary>
internal static class EntryPath
{
    /// <summary>
    /// The components of <paramref name="name"/> relative to the root: leading '/' and '.' components go, '..' pops.
    /// False when a '..' would climb above the root.
    /// </summary>
    public static bool TryClean(string name, out List<string> parts)
    {
        parts = [];
        foreach (string part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return false;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return true;
    }

    /// <summary>Joins relative components with '/'; the root is the empty string.</summary>
    public static string Join(IEnumerable<string> parts) => string.Join('/', parts);

    /// <summary><paramref name="child"/> inside the folder <paramref name="parent"/> (both relative).</summary>
    public static string Combine(string parent, string child) => parent.Length == 0 ? child : $"{parent}/{child}";

    /// <summary>The folder holding <paramref name="rel"/>; the empty string for top-level names.</summary>
    public static string ParentOf(string rel)
    {
        int slash = rel.LastIndexOf('/');
        return slash < 0 ? string.Empty : rel[..slash];
    }

    /// <summary>Every proper ancestor of <paramref name="rel"/>, outermost first, without the root.</summary>
    public static IEnumerable<string> AncestorsOf(string rel)
    {
        for (int slash = rel.IndexOf('/'); slash >= 0; slash = rel.IndexOf('/', slash + 1))
        {
            yield return rel[..slash];
        }
    }
}
