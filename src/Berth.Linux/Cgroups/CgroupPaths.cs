using Berth.Core.Errors;

namespace Berth.Linux.Cgroups;

/// <summary>OCI cgroupsPath forms (runtime-spec config-linux.md#cgroups-path).</summary>
internal static class CgroupPaths
{
    /// <summary>A cgroupfs path as is; systemd's "slice:prefix:name" as the path systemd gives it
    /// (system.slice:berth:abc → /system.slice/berth-abc.scope).</summary>
    public static string Normalize(string cgroupsPath)
    {
        if (cgroupsPath.StartsWith('/') || cgroupsPath.Split(':') is not [var slice, var prefix, var name])
        {
            return cgroupsPath;
        }

        if (name.Length == 0)
        {
            throw new InvalidArgumentException($"cgroupsPath '{cgroupsPath}' has no name: use slice:prefix:name");
        }

        string unit = name.EndsWith(".slice", StringComparison.Ordinal) ? name : (prefix.Length > 0 ? $"{prefix}-{name}.scope" : $"{name}.scope");
        return Join(ExpandSlice(slice.Length == 0 ? "system.slice" : slice), unit);
    }

    public static string Join(string parent, string child) => "/" + string.Join('/',
        parent.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(child.Split('/', StringSplitOptions.RemoveEmptyEntries)));

    // systemd nests a slice under each of its dash-separated prefixes: a-b.slice lives at /a.slice/a-b.slice.
    private static string ExpandSlice(string slice)
    {
        if (slice == "-.slice")
        {
            return "/";
        }

        if (!slice.EndsWith(".slice", StringComparison.Ordinal) || slice.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidArgumentException($"'{slice}' is not a systemd slice name (like system.slice or berth-ns.slice)");
        }

        string stem = slice[..^".slice".Length];
        var parts = stem.Split('-');
        var levels = Enumerable.Range(1, parts.Length).Select(n => string.Join('-', parts.Take(n)) + ".slice");
        return "/" + string.Join('/', levels);
    }
}
