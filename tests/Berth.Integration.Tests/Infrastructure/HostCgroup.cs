using System.Globalization;
using Berth.Integration.Tests.Cli;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>A container's cgroup files as the host has them: v1 controller hierarchies, or the v2 one.</summary>
internal sealed class HostCgroup(Dictionary<string, string> paths)
{
    /// <summary>The cgroups of the container's process, read from /proc/&lt;pid&gt;/cgroup on the host.</summary>
    public static async Task<HostCgroup> OfAsync(ContainerCliSession session, string container)
    {
        string pid = (await session.OkAsync("inspect", "-f", "{{.State.Pid}}", container)).Stdout.Trim();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines($"/proc/{pid}/cgroup"))
        {
            string[] parts = line.Split(':', 3);
            foreach (string controller in parts[1].Split(','))
            {
                paths[controller.Length == 0 ? "unified" : controller] = parts[2];
            }
        }

        return new HostCgroup(paths);
    }

    /// <summary>Whether the controller has a v1 hierarchy of its own here.</summary>
    public bool IsV1(string controller) => paths.ContainsKey(controller) && Directory.Exists($"/sys/fs/cgroup/{controller}");

    public bool Exists(string controller, string v2File, string? v1File = null) => File.Exists(PathOf(controller, v2File, v1File));

    // v1 keeps each controller in its own hierarchy; on a v2-only host every file is in the one cgroup.
    public string Read(string controller, string v2File, string? v1File = null) => File.ReadAllText(PathOf(controller, v2File, v1File)).Trim();

    public long MemoryLimit() => long.Parse(Read("memory", "memory.max", "memory.limit_in_bytes"), CultureInfo.InvariantCulture);

    public (long Quota, long Period) CpuQuota()
    {
        if (IsV1("cpu"))
        {
            return (long.Parse(Read("cpu", "", "cpu.cfs_quota_us"), CultureInfo.InvariantCulture),
                long.Parse(Read("cpu", "", "cpu.cfs_period_us"), CultureInfo.InvariantCulture));
        }

        string[] max = Read("cpu", "cpu.max").Split(' ');
        return (long.Parse(max[0], CultureInfo.InvariantCulture), long.Parse(max[1], CultureInfo.InvariantCulture));
    }

    private string PathOf(string controller, string v2File, string? v1File)
    {
        if (IsV1(controller))
        {
            return $"/sys/fs/cgroup/{controller}{paths[controller]}/{v1File ?? v2File}";
        }

        string root = Directory.Exists("/sys/fs/cgroup/unified") ? "/sys/fs/cgroup/unified" : "/sys/fs/cgroup";
        return $"{root}{paths["unified"]}/{v2File}";
    }
}
