using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Linux.Cgroups;

/// <summary>
/// A container's cgroup: one directory on v2, one per controller hierarchy on v1. Found with
/// <see cref="CgroupSystem.OpenForProcess"/> or <see cref="CgroupSystem.Open"/>; the runtime (runc, crun) creates it and sets
/// its limits, berth reads it and removes what is left when the container is deleted.
/// </summary>
public abstract class Cgroup
{
    private protected Cgroup(string path)
    {
        Path = path;
    }

    /// <summary>The cgroup's path inside its hierarchy, e.g. /berth/default/redis.</summary>
    public string Path { get; }

    /// <summary>v1 or v2: decides which metrics message it becomes.</summary>
    public abstract CgroupVersion Version { get; }

    /// <summary>Every directory of this cgroup (one on v2).</summary>
    public abstract IReadOnlyList<string> Directories { get; }

    /// <summary>The directory that holds the memory files (the OOM watch target); null when memory is not accounted.</summary>
    public abstract string? MemoryDirectory { get; }

    /// <summary>Whether the cgroup is still there.</summary>
    public bool Exists => Directories.Count > 0 && Directories.Any(Directory.Exists);

    /// <summary>Reads cpu, memory, pids and block I/O figures; NotFound once the cgroup is gone.</summary>
    public ValueTask<CgroupMetrics> ReadMetricsAsync(CancellationToken ct = default)
    {
        if (!Exists)
        {
            throw new NotFoundException($"cgroup {Path} does not exist: the container was deleted or never started");
        }

        return ReadMetricsCoreAsync(ct);
    }

    private protected abstract ValueTask<CgroupMetrics> ReadMetricsCoreAsync(CancellationToken ct);

    /// <summary>Moves process <paramref name="pid"/> (all its threads) into the cgroup.</summary>
    public void AddProcess(int pid)
    {
        foreach (string directory in Directories)
        {
            CgroupFiles.Write(directory, "cgroup.procs", pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The processes in the cgroup (its first directory).</summary>
    public IReadOnlyList<int> Processes()
    {
        string file = System.IO.Path.Combine(Directories[0], "cgroup.procs");
        if (!File.Exists(file))
        {
            return [];
        }

        return [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))];
    }

    /// <summary>Removes the cgroup and any child cgroups below it, waiting a moment for exiting processes to leave.
    /// A cgroup already gone is not an error; one that keeps live processes is.</summary>
    public void Delete()
    {
        foreach (string directory in Directories)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var children = Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length);
            foreach (string child in children.Append(directory))
            {
                RemoveDirectory(child);
            }
        }
    }

    private static void RemoveDirectory(string directory)
    {
        // rmdir fails with EBUSY until the last task has left; a killed process takes a moment to be released.
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: false);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException e) when (attempt < 50)
            {
                _ = e;
                Thread.Sleep(20);
            }
            catch (IOException e)
            {
                throw new FailedPreconditionException($"cgroup {directory} cannot be removed ({e.Message}): kill its processes first", e);
            }
        }
    }
}
