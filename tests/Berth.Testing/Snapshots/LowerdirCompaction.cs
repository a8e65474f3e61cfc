namespace Berth.Testing.Snapshots;

/// <summary>
/// containerd's answer to overlay options longer than a page: lowerdirs relative to their common folder's parent
/// (snapshot folders are numbers, so the common prefix may end inside a name), mounted from that folder.
/// </summary>
public static class LowerdirCompaction
{
    public static (string? WorkingDirectory, IReadOnlyList<string> Options) Compact(IReadOnlyList<string> options)
    {
        const string Prefix = "lowerdir=";
        int index = options.ToList().FindIndex(o => o.StartsWith(Prefix, StringComparison.Ordinal));
        if (index < 0)
        {
            return (null, options);
        }

        string[] dirs = options[index][Prefix.Length..].Split(':');
        if (dirs.Length == 1)
        {
            return (null, options);
        }

        string common = dirs.Aggregate(CommonPrefix);
        string? folder = Path.GetDirectoryName(common);
        if (string.IsNullOrEmpty(folder) || folder == "/")
        {
            return (null, options);
        }

        folder += "/";
        var compacted = options.Where((_, i) => i != index).ToList();
        compacted.Add(Prefix + string.Join(':', dirs.Select(d => d[folder.Length..])));
        return (folder, compacted);
    }

    private static string CommonPrefix(string a, string b)
    {
        int length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return a[..length];
    }
}
