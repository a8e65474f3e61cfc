using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Linux.Cgroups;

public sealed partial class CgroupSystem
{
    // The controllers berth reads; Create makes a cgroup in these hierarchies only (cpuset would need cpus and mems copied in).
    private static readonly string[] MetricsControllers = ["cpu", "cpuacct", "memory", "pids", "blkio"];

    /// <summary>The cgroup process <paramref name="pid"/> belongs to (a container's init), from /proc/&lt;pid&gt;/cgroup.</summary>
    public Cgroup OpenForProcess(int pid)
    {
        string file = Path.Combine(ProcRoot, pid.ToString(CultureInfo.InvariantCulture), "cgroup");
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"process {pid} does not exist ({file} is missing): the container has exited", e);
        }

        var entries = ProcCgroupEntry.ParseFile(text);
        if (Version == CgroupVersion.V2)
        {
            var entry = entries.FirstOrDefault(e => e.IsUnified) ?? throw NoHierarchy($"process {pid} (no 0:: line in {file})");
            return OpenUnified(entry.Path);
        }

        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries.Where(e => !e.IsUnified))
        {
            if (entry.Controllers.Count > 0 && V1Mount(entry.Controllers[0]) is { } mount)
            {
                foreach (string controller in entry.Controllers)
                {
                    directories[controller] = mount.DirectoryOf(entry.Path);
                }
            }
        }

        string path = entries.FirstOrDefault(e => e.Controllers.Contains("memory"))?.Path ?? (entries.Count > 0 ? entries[0].Path : "/");
        var unified = entries.FirstOrDefault(e => e.IsUnified);
        return new CgroupV1(path, directories, unified is null ? null : UnifiedMount?.DirectoryOf(unified.Path));
    }

    /// <summary>The cgroup of an OCI cgroupsPath: absolute (/berth/ns/id), relative to this process's own cgroup (ns/id),
    /// or systemd's slice:prefix:name. The cgroup need not exist yet.</summary>
    public Cgroup Open(string cgroupsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(cgroupsPath);
        string path = CgroupPaths.Normalize(cgroupsPath);
        bool relative = !path.StartsWith('/');
        if (Version == CgroupVersion.V2)
        {
            string own = Self.FirstOrDefault(e => e.IsUnified)?.Path ?? "/";
            return OpenUnified(relative ? CgroupPaths.Join(own, path) : path);
        }

        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mount in Mounts.Where(m => m.Version == CgroupVersion.V1))
        {
            string own = Self.FirstOrDefault(e => e.Controllers.Intersect(mount.Controllers).Any())?.Path ?? "/";
            foreach (string controller in mount.Controllers)
            {
                directories[controller] = mount.DirectoryOf(relative ? CgroupPaths.Join(own, path) : path);
            }
        }

        if (directories.Count == 0)
        {
            throw NoHierarchy($"cgroup {cgroupsPath}");
        }

        string unifiedPath = relative ? CgroupPaths.Join(Self.FirstOrDefault(e => e.IsUnified)?.Path ?? "/", path) : path;
        return new CgroupV1(
            relative ? CgroupPaths.Join(Self.Count > 0 ? Self[0].Path : "/", path) : path, directories, UnifiedMount?.DirectoryOf(unifiedPath));
    }

    /// <summary>Makes the cgroup at absolute <paramref name="path"/> (v1: in the cpu, cpuacct, memory, pids and blkio hierarchies;
    /// v2: with those controllers enabled on the way down) and returns it. What a runtime does for a container; tests use it.</summary>
    public Cgroup Create(string path)
    {
        if (!path.StartsWith('/'))
        {
            throw new InvalidArgumentException($"cgroup path '{path}' must be absolute (start with /)");
        }

        if (Version == CgroupVersion.V2)
        {
            var cgroup = OpenUnified(path);
            EnableControllersDownTo(cgroup.DirectoryPath);
            Directory.CreateDirectory(cgroup.DirectoryPath);
            return cgroup;
        }

        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string controller in MetricsControllers)
        {
            if (V1Mount(controller) is { } mount)
            {
                string directory = mount.DirectoryOf(path);
                Directory.CreateDirectory(directory);
                directories[controller] = directory;
            }
        }

        return directories.Count > 0 ? new CgroupV1(path, directories) : throw NoHierarchy($"cgroup {path}");
    }

    private CgroupV2 OpenUnified(string path)
    {
        var mount = UnifiedMount ?? throw NoHierarchy($"cgroup {path}");
        return new CgroupV2(path, mount.DirectoryOf(path));
    }

    // A v2 cgroup gets a controller only if every ancestor enables it in cgroup.subtree_control.
    private void EnableControllersDownTo(string directory)
    {
        string root = UnifiedMount!.MountPoint;
        string relative = Path.GetRelativePath(root, directory);
        string current = root;
        foreach (string part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string available = File.ReadAllText(Path.Combine(current, "cgroup.controllers"));
            string[] wanted = [.. available.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(c => c is "cpu" or "memory" or "pids" or "io")];
            if (wanted.Length > 0)
            {
                CgroupFiles.Write(current, "cgroup.subtree_control", string.Join(' ', wanted.Select(c => "+" + c)));
            }

            current = Path.Combine(current, part);
            Directory.CreateDirectory(current);
        }
    }
}
