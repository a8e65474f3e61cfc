using System.Runtime.InteropServices;

namespace Berth.Linux.Interop;

/// <summary>The calls OOM notifications need: eventfd (v1's cgroup.event_control), inotify (v2's memory.events) and poll.</summary>
internal static partial class Libc
{
    internal const int EfdCloexec = 0x80000;
    internal const int InCloexec = 0x80000;
    internal const int InNonblock = 0x800;
    internal const uint InModify = 0x2;
    internal const uint InDeleteSelf = 0x400;
    internal const uint InIgnored = 0x8000;
    internal const short PollIn = 0x1;
    internal const int ORdonly = 0;
    internal const int Eintr = 4;
    internal const int Eagain = 11;

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    internal static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "inotify_rm_watch", SetLastError = true)]
    internal static partial int InotifyRmWatch(int fd, int watch);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    /// <summary>struct pollfd: the same layout on every architecture (unlike struct epoll_event).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }
}
