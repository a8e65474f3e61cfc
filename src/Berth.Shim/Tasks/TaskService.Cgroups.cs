using Berth.Core.Errors;
using Berth.Shim.Metrics;
using Berth.Shim.Processes;

namespace Berth.Shim.Tasks;

internal sealed partial class TaskService
{
    private readonly ContainerCgroups _cgroups = new();
    // Its monitor thread is made by the first watch: a shim that never starts a container has none.
    private readonly OomEvents _oom;

    /// <summary>Finds the container's cgroup from its created init. Without it the task still runs; Stats then fails NotFound.</summary>
    private void AttachCgroup(Container container)
    {
        try
        {
            _cgroups.Attach(container.Id, container.Init.Pid);
        }
        catch (Exception e) when (e is BerthException or IOException or UnauthorizedAccessException)
        {
            ShimLog.CgroupNotFound(_logger, container.Id, e);
        }
    }

    /// <summary>Watches the started container's cgroup for OOM kills (/tasks/oom), as containerd's runc shim does at start.</summary>
    private void WatchOom(Container container)
    {
        try
        {
            _oom.Watch(container.Id, _cgroups.Get(container.Id));
        }
        catch (Exception e) when (e is BerthException or IOException or UnauthorizedAccessException)
        {
            ShimLog.OomWatchFailed(_logger, container.Id, e);
        }
    }

    private void DetachCgroup(Container container)
    {
        _oom.Unwatch(container.Id);
        _cgroups.Forget(container.Id);
    }

    private ValueTask DisposeCgroupsAsync() => _oom.DisposeAsync();
}
