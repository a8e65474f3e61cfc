using Berth.Core.Errors;
using Berth.Linux.Cgroups;

namespace Berth.Shim.Metrics;

/// <summary>
/// The cgroup of each container of the shim, found from its init process once the runtime has created it (containerd's
/// runc shim does the same): whatever cgroupsPath the spec gave (absolute, relative, systemd's slice:prefix:name) and
/// whichever runtime placed it (runc, crun), /proc/&lt;pid&gt;/cgroup names where the container is.
/// </summary>
internal sealed class ContainerCgroups(Func<CgroupSystem> loadSystem)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Cgroup> _cgroups = new(StringComparer.Ordinal);
    private CgroupSystem? _system;

    public ContainerCgroups()
        : this(() => CgroupSystem.Load())
    {
    }

    /// <summary>Finds and keeps the cgroup of container <paramref name="id"/> from its init <paramref name="pid"/>;
    /// NotFound once that process is gone, InvalidArgument when no hierarchy is mounted.</summary>
    public Cgroup Attach(string id, int pid)
    {
        var cgroup = System().OpenForProcess(pid);
        lock (_lock)
        {
            _cgroups[id] = cgroup;
        }

        return cgroup;
    }

    /// <summary>The cgroup kept for <paramref name="id"/>; NotFound when none could be found at create.</summary>
    public Cgroup Get(string id)
    {
        lock (_lock)
        {
            return _cgroups.GetValueOrDefault(id)
                ?? throw new NotFoundException($"cgroup of container {id} does not exist: its init had exited before the shim could find it; delete the task");
        }
    }

    public void Forget(string id)
    {
        lock (_lock)
        {
            _cgroups.Remove(id);
        }
    }

    private CgroupSystem System()
    {
        lock (_lock)
        {
            return _system ??= loadSystem();
        }
    }
}
