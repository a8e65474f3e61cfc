using System.Text.Json;
using Berth.Linux.Cgroups;

namespace Berth.Runtime.Tasks;

/// <summary>
/// The runtime removes a container's own cgroup but not the folders above it: <c>/&lt;namespace&gt;</c> of containerd's
/// default <c>/&lt;namespace&gt;/&lt;id&gt;</c> would stay in every hierarchy for ever. After a task's delete, the empty
/// parents of its cgroupsPath go too (a parent another container still uses is not empty, and stays).
/// </summary>
internal static class ParentCgroups
{
    /// <summary>The cgroupsPath of a bundle's spec, if it is a plain absolute path (not systemd's slice:prefix:name).</summary>
    public static string? PathOf(string bundlePath)
    {
        try
        {
            using var spec = JsonDocument.Parse(File.ReadAllBytes(Path.Join(bundlePath, "config.json")));
            return spec.RootElement.TryGetProperty("linux", out var linux) && linux.TryGetProperty("cgroupsPath", out var path)
                && path.GetString() is { } text && text.StartsWith('/') && !text.Contains(':', StringComparison.Ordinal)
                ? text
                : null;
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the empty parents of <paramref name="cgroupsPath"/>, deepest first, in every hierarchy.</summary>
    public static void RemoveEmpty(string cgroupsPath)
    {
        var system = CgroupSystem.Load();
        for (string? parent = Path.GetDirectoryName(cgroupsPath); parent is { Length: > 1 }; parent = Path.GetDirectoryName(parent))
        {
            foreach (var mount in system.Mounts)
            {
                try
                {
                    Directory.Delete(mount.DirectoryOf(parent));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Not empty (another container's cgroup is below it), or already gone.
                }
            }
        }
    }
}
