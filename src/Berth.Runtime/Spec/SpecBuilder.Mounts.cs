using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

public sealed partial class SpecBuilder
{
    // Each option and the one it cancels.
    private static readonly Dictionary<string, string> OppositeOptions = new(StringComparer.Ordinal)
    {
        ["ro"] = "rw", ["rw"] = "ro", ["exec"] = "noexec", ["noexec"] = "exec",
        ["suid"] = "nosuid", ["nosuid"] = "suid", ["dev"] = "nodev", ["nodev"] = "dev",
    };

    private static void ApplyMounts(RuntimeSpec spec, ContainerSpecOptions options)
    {
        long shmSize = options.ShmSize ?? DockerDefaults.ShmSize;
        if (shmSize <= 0)
        {
            throw new InvalidArgumentException($"--shm-size {shmSize}: must be more than 0 bytes");
        }

        var mounts = DockerDefaults.Mounts(shmSize);
        if (options.Privileged)
        {
            // A privileged container may write to /sys and its cgroups, as in docker.
            foreach (var mount in mounts.Where(m => m.Destination is "/sys" or "/sys/fs/cgroup"))
            {
                mount.Options![0] = "rw";
            }
        }

        var requested = new List<MountSpec>();
        foreach (var tmpfs in options.Tmpfs)
        {
            var tmpfsOptions = new List<string> { "rw", "nosuid", "nodev", "noexec" };
            foreach (string option in tmpfs.Options)
            {
                MergeOption(tmpfsOptions, option);
            }

            requested.Add(new MountSpec { Destination = CheckDestination(tmpfs.Destination, "--tmpfs"), Type = "tmpfs", Source = "tmpfs", Options = tmpfsOptions });
        }

        foreach (var bind in options.Binds)
        {
            if (!Path.IsPathRooted(bind.Source))
            {
                throw new InvalidArgumentException($"--volume {bind.Source}:{bind.Destination}: the host path must be absolute");
            }

            if (!BindMount.IsPropagation(bind.Propagation))
            {
                throw new InvalidArgumentException($"--volume {bind.Source}:{bind.Destination}: unknown propagation {bind.Propagation}; use rprivate, rshared or rslave (or without r)");
            }

            requested.Add(new MountSpec
            {
                Destination = CheckDestination(bind.Destination, "--volume"),
                Type = "bind",
                Source = bind.Source,
                Options = [bind.Recursive ? "rbind" : "bind", bind.ReadOnly ? "ro" : "rw", bind.Propagation],
            });
        }

        if (requested.GroupBy(m => m.Destination).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidArgumentException($"two mounts target {duplicate.Key}; keep one of them");
        }

        // A requested mount replaces a default one at the same place; parents are mounted before what lies inside them.
        mounts.RemoveAll(m => requested.Any(r => r.Destination == m.Destination));
        mounts.AddRange(requested.OrderBy(m => m.Destination.Count(c => c == '/')));
        spec.Mounts = mounts;
    }

    private static void MergeOption(List<string> options, string option)
    {
        if (OppositeOptions.TryGetValue(option, out string? opposite))
        {
            options.Remove(opposite);
        }

        string key = option.Split('=')[0];
        options.RemoveAll(o => o == option || (option.Contains('=', StringComparison.Ordinal) && o.StartsWith(key + "=", StringComparison.Ordinal)));
        options.Add(option);
    }

    private static string CheckDestination(string destination, string flag)
    {
        string normalized = destination.TrimEnd('/');
        return destination.StartsWith('/') && normalized.Length > 0 && !destination.Split('/').Contains("..")
            ? normalized
            : throw new InvalidArgumentException($"{flag} {destination}: the container path must be absolute, not / and without '..'");
    }
}
