using System.Runtime.InteropServices;
using System.Text;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Shim.Interop;

/// <summary>
/// A unix stream socket made with the system calls themselves, for <c>start</c>: a .NET Socket would start the socket
/// engine's thread in a process that lives a few milliseconds, and removes the file it bound when it is disposed.
/// </summary>
internal static unsafe partial class UnixSocket
{
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int PathCapacity = 108;

    /// <summary>A socket listening on <paramref name="path"/>, readable and writable by its owner only.</summary>
    public static FileDescriptor Listen(string path, int backlog)
    {
        var socket = Create(path);
        var address = Address(path);
        if (Bind(socket.Number, &address, (uint)sizeof(SocketAddress)) != 0)
        {
            var error = Errno.FromLastError("bind", path);
            socket.Dispose();
            throw error;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (ListenOn(socket.Number, backlog) != 0)
        {
            var error = Errno.FromLastError("listen", path);
            socket.Dispose();
            throw error;
        }

        return socket;
    }

    /// <summary>Whether something accepts connections on <paramref name="path"/>.</summary>
    public static bool Answers(string path)
    {
        using var socket = Create(path);
        var address = Address(path);
        return Connect(socket.Number, &address, (uint)sizeof(SocketAddress)) == 0;
    }

    private static FileDescriptor Create(string path)
    {
        int fd = SocketCall(AfUnix, SockStream | SockCloexec, 0);
        return fd < 0 ? throw Errno.FromLastError("socket", path) : new FileDescriptor(fd);
    }

    private static SocketAddress Address(string path)
    {
        if (Encoding.UTF8.GetByteCount(path) >= PathCapacity)
        {
            throw new InvalidArgumentException($"socket path {path} is longer than {PathCapacity - 1} bytes");
        }

        var address = new SocketAddress { Family = AfUnix };
        Encoding.UTF8.GetBytes(path, new Span<byte>(address.Path, PathCapacity));
        return address;
    }

    /// <summary>struct sockaddr_un.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct SocketAddress
    {
        public ushort Family;
        public fixed byte Path[PathCapacity];
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int SocketCall(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, SocketAddress* address, uint length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int ListenOn(int fd, int backlog);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int Connect(int fd, SocketAddress* address, uint length);
}
