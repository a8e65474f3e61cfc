using Berth.Core.Errors;

namespace Berth.Linux.Cgroups;

/// <summary>One line of /proc/&lt;pid&gt;/cgroup: "hierarchy-id:controllers:path" (v2 is "0::path").</summary>
public sealed record ProcCgroupEntry(int HierarchyId, IReadOnlyList<string> Controllers, string Path)
{
    /// <summary>Whether this is the v2 line.</summary>
    public bool IsUnified => HierarchyId == 0 && Controllers.Count == 0;

    /// <summary>Parses the whole file.</summary>
    public static IReadOnlyList<ProcCgroupEntry> ParseFile(string text)
    {
        var entries = new List<ProcCgroupEntry>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // The path is last and may itself hold ':' characters, so split on the first two only.
            string[] parts = line.Split(':', 3);
            if (parts.Length != 3 || !int.TryParse(parts[0], out int id))
            {
                throw new InvalidArgumentException($"cgroup membership line '{line}' is not 'id:controllers:path': is this a /proc/<pid>/cgroup file?");
            }

            string[] controllers = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
            entries.Add(new ProcCgroupEntry(id, controllers, parts[2]));
        }

        return entries;
    }
}
