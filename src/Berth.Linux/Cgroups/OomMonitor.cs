using System.Threading.Channels;
using Berth.Core.Errors;
using Berth.Linux.Interop;

namespace Berth.Linux.Cgroups;

/// <summary>
/// Watches cgroups for OOM kills on one background thread: v1 through an eventfd registered on memory.oom_control in
/// cgroup.event_control, v2 through inotify on memory.events (an event when oom_kill grows). A cgroup is dropped by
/// <see cref="Remove"/>, or by itself when it is deleted (v1) or emptied of processes (v2: cgroup.events populated 0). Events are read with <see cref="ReadAllAsync"/>; disposing stops
/// the thread, closes every descriptor and completes the reader.
/// </summary>
public sealed partial class OomMonitor : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Watch> _watches = new(StringComparer.Ordinal);
    // Watches dropped while the loop may be polling their descriptors: the loop closes them before it polls again.
    private readonly List<Watch> _retired = [];
    private readonly Channel<OomEvent> _events = Channel.CreateUnbounded<OomEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _wakeFd;
    private readonly int _inotifyFd;
    private readonly Thread _thread;
    private volatile bool _disposed;

    public OomMonitor()
    {
        _wakeFd = Libc.EventFd(0, Libc.EfdCloexec);
        if (_wakeFd < 0)
        {
            throw Errno.FromLastError("eventfd", "OOM monitor");
        }

        _inotifyFd = Libc.InotifyInit1(Libc.InCloexec | Libc.InNonblock);
        if (_inotifyFd < 0)
        {
            var error = Errno.FromLastError("inotify_init1", "OOM monitor");
            Libc.Close(_wakeFd);
            throw error;
        }

        _thread = new Thread(Run) { IsBackground = true, Name = "berth-oom-monitor" };
        _thread.Start();
    }

    /// <summary>The OOM events, in order, until the monitor is disposed.</summary>
    public IAsyncEnumerable<OomEvent> ReadAllAsync(CancellationToken ct = default) => _events.Reader.ReadAllAsync(ct);

    /// <summary>How many cgroups are watched (a deleted cgroup stops being counted).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Starts watching <paramref name="cgroup"/> under <paramref name="id"/>, replacing an earlier watch of that id.</summary>
    /// <param name="reportEarlierKills">Also report, at once, kills the cgroup counted before the watch began: for a cgroup
    /// made for one container, whose process may be killed between its start and this call.</param>
    public void Add(string id, Cgroup cgroup, bool reportEarlierKills = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        string directory = cgroup.MemoryDirectory ??
            throw new FailedPreconditionException($"cgroup {cgroup.Path} has no memory controller: OOM kills cannot be watched there");
        Watch watch = cgroup.Version == CgroupVersion.V1
            ? Watch.ForV1(id, cgroup.Path, directory)
            : Watch.ForV2(id, cgroup.Path, directory, _inotifyFd);
        lock (_lock)
        {
            if (_watches.Remove(id, out var old))
            {
                _retired.Add(old);
            }

            _watches[id] = watch;
            if (reportEarlierKills && watch.LastOomKills > 0)
            {
                _events.Writer.TryWrite(new OomEvent(id, cgroup.Path, watch.LastOomKills));
            }
        }

        Wake();
    }

    /// <summary>Stops watching <paramref name="id"/>; false if it was not watched.</summary>
    public bool Remove(string id)
    {
        lock (_lock)
        {
            if (!_watches.Remove(id, out var watch))
            {
                return false;
            }

            _retired.Add(watch);
        }

        Wake();
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Wake();
        _thread.Join();
        lock (_lock)
        {
            foreach (var watch in _watches.Values.Concat(_retired))
            {
                watch.Close(_inotifyFd);
            }

            _watches.Clear();
            _retired.Clear();
        }

        Libc.Close(_inotifyFd);
        Libc.Close(_wakeFd);
        _events.Writer.TryComplete();
    }

    private unsafe void Wake()
    {
        ulong one = 1;
        _ = Libc.Write(_wakeFd, (byte*)&one, sizeof(ulong));
    }
}
