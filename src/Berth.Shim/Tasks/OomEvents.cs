using Berth.Linux.Cgroups;

namespace Berth.Shim.Tasks;

/// <summary>
/// Watches started containers' cgroups for OOM kills and reports each kill by container id (containerd's runc shim
/// publishes it as /tasks/oom). The monitor thread is made by the first watch, so a shim that never starts a
/// container has none.
/// </summary>
internal sealed class OomEvents(Action<string> onOomKill) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private OomMonitor? _monitor;
    private Task? _forwarding;
    private bool _disposed;

    /// <summary>Starts watching <paramref name="cgroup"/> for container <paramref name="id"/> (replacing an earlier watch).</summary>
    public void Watch(string id, Cgroup cgroup)
    {
        OomMonitor monitor;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_monitor is null)
            {
                _monitor = new OomMonitor();
                _forwarding = ForwardAsync(_monitor);
            }

            monitor = _monitor;
        }

        // The cgroup is the container's own (runc made it at create): a kill counted before the watch began happened
        // to this container, between runc's start and here (a hog can be killed that fast).
        monitor.Add(id, cgroup, reportEarlierKills: true);
    }

    /// <summary>Stops watching container <paramref name="id"/>; nothing happens if it was not watched.</summary>
    public void Unwatch(string id)
    {
        lock (_lock)
        {
            _monitor?.Remove(id);
        }
    }

    /// <summary>Stops the monitor, after which the kills it had already seen are reported.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? forwarding;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _monitor?.Dispose();
            forwarding = _forwarding;
        }

        if (forwarding is not null)
        {
            await forwarding;
        }
    }

    private async Task ForwardAsync(OomMonitor monitor)
    {
        // The monitor's reader completes when it is disposed.
        await foreach (var oom in monitor.ReadAllAsync().ConfigureAwait(false))
        {
            onOomKill(oom.Id);
        }
    }
}
