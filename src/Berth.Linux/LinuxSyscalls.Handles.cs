using Berth.Linux.Interop;
using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

public sealed partial class LinuxSyscalls
{
    /// <inheritdoc />
    public SafeFileHandle CreateExclusive(string path, int mode)
    {
        int fd = Libc.OpenWithMode(path, Libc.OWronly | Libc.OCreat | Libc.OExcl | Libc.ONofollow | Libc.OCloexec, mode & 0xfff);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Errno.FromLastError("open", path);
    }

    /// <inheritdoc />
    public void Chown(SafeFileHandle file, int uid, int gid)
    {
        if (Libc.Fchown(file, uid, gid) != 0)
        {
            throw Fail("fchown", file);
        }
    }

    /// <inheritdoc />
    public void Chmod(SafeFileHandle file, int mode)
    {
        if (Libc.Fchmod(file, (uint)(mode & 0xfff)) != 0)
        {
            throw Fail("fchmod", file);
        }
    }

    /// <inheritdoc />
    public unsafe void SetTimes(SafeFileHandle file, DateTimeOffset accessed, DateTimeOffset modified)
    {
        var times = stackalloc Libc.Timespec[2];
        times[0] = ToTimespec(accessed);
        times[1] = ToTimespec(modified);
        if (Libc.Futimens(file, times) != 0)
        {
            throw Fail("futimens", file);
        }
    }

    /// <inheritdoc />
    public unsafe void SetXattr(SafeFileHandle file, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            if (Libc.Fsetxattr(file, name, p, (nuint)value.Length, 0) != 0)
            {
                throw Fail($"fsetxattr {name}", file);
            }
        }
    }

    // Errors name the file by the descriptor's path as the kernel knows it; errno is taken first, as the lookup may
    // overwrite it.
    private static Core.Errors.BerthException Fail(string call, SafeFileHandle file)
    {
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        string name;
        try
        {
            name = File.ResolveLinkTarget($"/proc/self/fd/{file.DangerousGetHandle()}", returnFinalTarget: false)?.FullName ?? "a file";
        }
        catch (IOException)
        {
            name = "a file";
        }

        return Errno.FromErrno(errno, call, name);
    }
}
