namespace Berth.Core.Mounts;

/// <summary>
/// A filesystem mount as containerd describes it: <c>mount -t Type Source target -o Options</c>. Snapshotters
/// return these instead of mounting, so that whoever needs the filesystem mounts it where it wants.
/// </summary>
/// <param name="Type">The filesystem type: <c>overlay</c>, <c>bind</c>, <c>tmpfs</c>…</param>
/// <param name="Source">The device or folder; <c>overlay</c> for overlay mounts.</param>
/// <param name="Options">The options, one per entry: <c>ro</c>, <c>rbind</c>, <c>lowerdir=…</c>.</param>
public sealed record Mount(string Type, string Source, IReadOnlyList<string> Options)
{
    /// <summary>Whether the mount is read-only.</summary>
    public bool IsReadOnly => Options.Contains("ro");

    /// <summary>The value of a <c>key=value</c> option, or null.</summary>
    public string? Option(string key)
    {
        string prefix = key + "=";
        foreach (string option in Options)
        {
            if (option.StartsWith(prefix, StringComparison.Ordinal))
            {
                return option[prefix.Length..];
            }
        }

        return null;
    }
}
