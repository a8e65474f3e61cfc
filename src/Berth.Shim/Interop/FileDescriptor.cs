using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Shim.Interop;

/// <summary>
/// An owned file descriptor. A copy loop holds a reference (<see cref="SafeHandle.DangerousAddRef"/>) while it
/// polls, so disposing from another thread closes the number only when the loop has let go of it.
/// </summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd)
        : this(fd, ownsHandle: true)
    {
    }

    /// <param name="fd">The number.</param>
    /// <param name="ownsHandle">False for a descriptor something else owns and closes (a socket's, to hand down to a child).</param>
    public FileDescriptor(int fd, bool ownsHandle)
        : base(-1, ownsHandle)
    {
        SetHandle(fd);
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>The number, for a system call made while the caller holds the descriptor alive.</summary>
    public int Number => (int)handle;

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;

    /// <summary>open(2) with O_CLOEXEC added.</summary>
    public static FileDescriptor Open(string path, int flags, int mode = 0)
    {
        int fd = Libc.Open(path, flags | Libc.OCloexec, mode);
        return fd < 0 ? throw Errno.FromLastError("open", path) : new FileDescriptor(fd);
    }

    /// <summary>A pipe whose ends are both close-on-exec (the spawner clears the flag on the copies it hands down).</summary>
    public static unsafe (FileDescriptor Read, FileDescriptor Write) Pipe(bool nonBlocking = false)
    {
        int* fds = stackalloc int[2];
        if (Libc.Pipe2(fds, Libc.OCloexec | (nonBlocking ? Libc.ONonBlock : 0)) != 0)
        {
            throw Errno.FromLastError("pipe2", "(new pipe)");
        }

        return (new FileDescriptor(fds[0]), new FileDescriptor(fds[1]));
    }

    /// <summary>Sets or clears O_NONBLOCK.</summary>
    public void SetNonBlocking(bool nonBlocking)
    {
        int flags = Libc.Fcntl(Number, Libc.FGetFl, 0);
        if (flags < 0 || Libc.Fcntl(Number, Libc.FSetFl, nonBlocking ? flags | Libc.ONonBlock : flags & ~Libc.ONonBlock) < 0)
        {
            throw Errno.FromLastError("fcntl O_NONBLOCK", $"fd {Number}");
        }
    }

    /// <summary>Writes everything, blocking; for small control messages (a runtime's stdin, a pid).</summary>
    public unsafe void WriteAll(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            int written = 0;
            while (written < data.Length)
            {
                nint n = Libc.Write(Number, start + written, (nuint)(data.Length - written));
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Libc.EIntr)
                    {
                        continue;
                    }

                    throw Errno.FromErrno(errno, "write", $"fd {Number}");
                }

                written += (int)n;
            }
        }
    }

    /// <summary>One read(2): the bytes read, 0 at the end, -1 when a non-blocking descriptor has nothing now.</summary>
    public unsafe int ReadSome(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                nint n = Libc.Read(Number, start, (nuint)buffer.Length);
                if (n >= 0)
                {
                    return (int)n;
                }

                int errno = Marshal.GetLastPInvokeError();
                if (errno == Libc.EAgain)
                {
                    return -1;
                }

                if (errno != Libc.EIntr)
                {
                    throw Errno.FromErrno(errno, "read", $"fd {Number}");
                }
            }
        }
    }

    /// <summary>An InternalException for a failed call on this descriptor.</summary>
    public BerthException Failure(string call) => Errno.FromLastError(call, $"fd {Number}");
}
