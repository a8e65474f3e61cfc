namespace Berth.Linux.Cgroups;

/// <summary>The OOM killer acted in a watched cgroup.</summary>
/// <param name="Id">The key the cgroup was added under (the container id, for the /tasks/oom event).</param>
/// <param name="CgroupPath">The cgroup's path inside its hierarchy.</param>
/// <param name="OomKills">The cgroup's oom_kill count as read after the notification (v1 notifies when the cgroup goes
/// under OOM, which can be just before the kill is counted).</param>
public sealed record OomEvent(string Id, string CgroupPath, ulong OomKills);
