using Berth.Linux.Interop;

namespace Berth.Linux.Cgroups;

public sealed partial class OomMonitor
{
    // struct inotify_event: int wd, uint32 mask, uint32 cookie, uint32 len, then len bytes of name.
    private const int InotifyEventHeader = 16;

    private unsafe void Run()
    {
        var buffer = new byte[4096];
        while (!_disposed)
        {
            Watch[] v1;
            lock (_lock)
            {
                foreach (var retired in _retired)
                {
                    retired.Close(_inotifyFd);
                }

                _retired.Clear();
                v1 = [.. _watches.Values.Where(w => w.Version == CgroupVersion.V1)];
            }

            // Slot 0 wakes the loop (Add, Remove, Dispose), slot 1 is inotify for v2, then one eventfd per v1 cgroup.
            var fds = new Libc.PollFd[2 + v1.Length];
            fds[0] = new Libc.PollFd { Fd = _wakeFd, Events = Libc.PollIn };
            fds[1] = new Libc.PollFd { Fd = _inotifyFd, Events = Libc.PollIn };
            for (int i = 0; i < v1.Length; i++)
            {
                fds[2 + i] = new Libc.PollFd { Fd = v1[i].Descriptor, Events = Libc.PollIn };
            }

            int ready;
            fixed (Libc.PollFd* pointer = fds)
            {
                ready = Libc.Poll(pointer, (nuint)fds.Length, -1);
            }

            if (ready < 0)
            {
                // EINTR only: the descriptors are ours and valid.
                continue;
            }

            if (fds[0].ReturnedEvents != 0)
            {
                ReadCounter(_wakeFd);
            }

            if (fds[1].ReturnedEvents != 0)
            {
                ProcessInotify(buffer);
            }

            for (int i = 0; i < v1.Length; i++)
            {
                if (fds[2 + i].ReturnedEvents != 0)
                {
                    ReadCounter(v1[i].Descriptor);
                    ProcessV1(v1[i]);
                }
            }
        }
    }

    private void ProcessV1(Watch watch)
    {
        // The kernel also signals when the cgroup is removed: then the watch ends instead.
        if (!Directory.Exists(watch.Directory) || watch.ReadOomKills() is not { } kills)
        {
            Drop(watch);
            return;
        }

        _events.Writer.TryWrite(new OomEvent(watch.Id, watch.CgroupPath, kills));
    }

    private unsafe void ProcessInotify(byte[] buffer)
    {
        var changed = new HashSet<int>();
        var ignored = new HashSet<int>();
        while (true)
        {
            nint read;
            fixed (byte* pointer = buffer)
            {
                read = Libc.Read(_inotifyFd, pointer, (nuint)buffer.Length);
            }

            if (read <= 0)
            {
                break; // EAGAIN: drained (the descriptor is non-blocking).
            }

            for (int offset = 0; offset + InotifyEventHeader <= read;)
            {
                int watchFd = BitConverter.ToInt32(buffer, offset);
                uint mask = BitConverter.ToUInt32(buffer, offset + 4);
                uint nameLength = BitConverter.ToUInt32(buffer, offset + 12);
                (((mask & Libc.InIgnored) != 0) ? ignored : changed).Add(watchFd);
                offset += InotifyEventHeader + (int)nameLength;
            }
        }

        Watch[] v2;
        lock (_lock)
        {
            v2 = [.. _watches.Values.Where(w => w.Version == CgroupVersion.V2)];
        }

        foreach (var watch in v2)
        {
            if (ignored.Contains(watch.Descriptor))
            {
                Drop(watch);
                continue;
            }

            if (changed.Contains(watch.Descriptor) || changed.Contains(watch.PopulationDescriptor))
            {
                // The kill that emptied the cgroup is read before the watch ends.
                ProcessV2(watch);
            }

            if (changed.Contains(watch.PopulationDescriptor) && watch.IsEmpty())
            {
                Drop(watch);
            }
        }
    }

    private void ProcessV2(Watch watch)
    {
        if (watch.ReadOomKills() is not { } kills)
        {
            Drop(watch);
            return;
        }

        // memory.events changes for high/max/oom too; only a grown oom_kill count means a process was killed.
        if (kills > watch.LastOomKills)
        {
            watch.LastOomKills = kills;
            _events.Writer.TryWrite(new OomEvent(watch.Id, watch.CgroupPath, kills));
        }
    }

    private void Drop(Watch watch)
    {
        lock (_lock)
        {
            // A watch Remove took away already is closed by the loop with the other retired ones.
            if (_watches.TryGetValue(watch.Id, out var current) && ReferenceEquals(current, watch))
            {
                _watches.Remove(watch.Id);
                watch.Close(_inotifyFd);
            }
        }
    }

    private static unsafe void ReadCounter(int fd)
    {
        ulong value;
        _ = Libc.Read(fd, (byte*)&value, sizeof(ulong));
    }

}
