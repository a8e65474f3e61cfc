using System.Runtime.Versioning;
using System.Text;
using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>The real system calls.</summary>
[SupportedOSPlatform("linux")]
public sealed partial class LinuxSyscalls : ISyscalls
{
    /// <summary>The one instance; the type holds no state.</summary>
    public static LinuxSyscalls Instance { get; } = new();

    /// <inheritdoc />
    public void Mount(string? source, string target, string? fsType, MountFlags flags, string? data)
    {
        if (Libc.Mount(source, target, fsType, (ulong)flags, data) != 0)
        {
            throw Errno.FromLastError("mount", target);
        }
    }

    /// <inheritdoc />
    public void Unmount(string target, UnmountFlags flags = UnmountFlags.None)
    {
        if (Libc.Umount2(target, (int)flags) != 0)
        {
            throw Errno.FromLastError("umount", target);
        }
    }

    /// <inheritdoc />
    public unsafe FileStatus? Lstat(string path)
    {
        Libc.StatxBuffer buffer;
        if (Libc.Statx(Libc.AtFdCwd, path, Libc.AtSymlinkNoFollow, Libc.StatxBasicStats, &buffer) != 0)
        {
            var error = Errno.FromLastError("statx", path);
            return error is Core.Errors.NotFoundException ? null : throw error;
        }

        return new FileStatus(
            KindOf(buffer.Mode), buffer.Mode & 0xfff, (int)buffer.Uid, (int)buffer.Gid, (long)buffer.Size, buffer.Inode,
            ((ulong)buffer.DevMajor << 32) | buffer.DevMinor, buffer.Links, buffer.RdevMajor, buffer.RdevMinor,
            ToTime(buffer.ModifyTime), ToTime(buffer.AccessTime), (long)buffer.Blocks);
    }

    /// <inheritdoc />
    public void MakeNode(string path, FileKind kind, int mode, uint major, uint minor)
    {
        uint type = kind switch
        {
            FileKind.CharDevice => 0x2000,
            FileKind.BlockDevice => 0x6000,
            FileKind.Fifo => 0x1000,
            FileKind.Regular => 0x8000,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "mknod makes devices, FIFOs and files"),
        };
        if (Libc.Mknod(path, type | (uint)(mode & 0xfff), MakeDev(major, minor)) != 0)
        {
            throw Errno.FromLastError("mknod", path);
        }
    }

    /// <inheritdoc />
    public void Lchown(string path, int uid, int gid)
    {
        if (Libc.Lchown(path, uid, gid) != 0)
        {
            throw Errno.FromLastError("lchown", path);
        }
    }

    /// <inheritdoc />
    public unsafe void SetTimes(string path, DateTimeOffset accessed, DateTimeOffset modified)
    {
        var times = stackalloc Libc.Timespec[2];
        times[0] = ToTimespec(accessed);
        times[1] = ToTimespec(modified);
        if (Libc.Utimensat(Libc.AtFdCwd, path, times, Libc.AtSymlinkNoFollow) != 0)
        {
            throw Errno.FromLastError("utimensat", path);
        }
    }

    /// <inheritdoc />
    public unsafe void SetXattr(string path, string name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value)
        {
            if (Libc.Lsetxattr(path, name, p, (nuint)value.Length, 0) != 0)
            {
                throw Errno.FromLastError($"lsetxattr {name}", path);
            }
        }
    }

    /// <inheritdoc />
    public unsafe byte[]? GetXattr(string path, string name)
    {
        while (true)
        {
            nint size = Libc.Lgetxattr(path, name, null, 0);
            if (size < 0)
            {
                var error = Errno.FromLastError($"lgetxattr {name}", path);
                return System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Errno.NoData ? null : throw error;
            }

            var value = new byte[size];
            fixed (byte* p = value)
            {
                nint read = Libc.Lgetxattr(path, name, p, (nuint)value.Length);
                if (read >= 0)
                {
                    return value.AsSpan(0, (int)read).ToArray();
                }

                if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Errno.Range)
                {
                    throw Errno.FromLastError($"lgetxattr {name}", path);
                }
            }
        }
    }

    /// <inheritdoc />
    public unsafe IReadOnlyList<string> ListXattrs(string path)
    {
        while (true)
        {
            nint size = Libc.Llistxattr(path, null, 0);
            if (size < 0)
            {
                throw Errno.FromLastError("llistxattr", path);
            }

            if (size == 0)
            {
                return [];
            }

            var list = new byte[size];
            fixed (byte* p = list)
            {
                nint read = Libc.Llistxattr(path, p, (nuint)list.Length);
                if (read >= 0)
                {
                    return Encoding.UTF8.GetString(list, 0, (int)read).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                }

                if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != Errno.Range)
                {
                    throw Errno.FromLastError("llistxattr", path);
                }
            }
        }
    }

    /// <inheritdoc />
    public void RemoveXattr(string path, string name)
    {
        if (Libc.Lremovexattr(path, name) != 0)
        {
            throw Errno.FromLastError($"lremovexattr {name}", path);
        }
    }

    /// <inheritdoc />
    public void Rename(string from, string to)
    {
        if (Libc.Rename(from, to) != 0)
        {
            throw Errno.FromLastError("rename", $"{from} -> {to}");
        }
    }

    /// <inheritdoc />
    public void Link(string existing, string path)
    {
        if (Libc.Link(existing, path) != 0)
        {
            throw Errno.FromLastError("link", path);
        }
    }

    /// <inheritdoc />
    public void SyncDirectory(string path)
    {
        int fd = Libc.Open(path, Libc.ODirectory | Libc.OCloexec);
        if (fd < 0)
        {
            throw Errno.FromLastError("open", path);
        }

        try
        {
            if (Libc.Fsync(fd) != 0)
            {
                throw Errno.FromLastError("fsync", path);
            }
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }

    private static FileKind KindOf(ushort mode) => (mode & 0xf000) switch
    {
        0x4000 => FileKind.Directory,
        0xa000 => FileKind.Symlink,
        0x2000 => FileKind.CharDevice,
        0x6000 => FileKind.BlockDevice,
        0x1000 => FileKind.Fifo,
        0xc000 => FileKind.Socket,
        _ => FileKind.Regular,
    };

    // glibc's makedev: the major and minor numbers are split across the 64-bit dev_t.
    private static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

    private static DateTimeOffset ToTime(Libc.StatxTimestamp t) =>
        DateTimeOffset.FromUnixTimeSeconds(t.Seconds).AddTicks(t.Nanoseconds / 100);

    private static Libc.Timespec ToTimespec(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new Libc.Timespec
        {
            Seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out long rest),
            Nanoseconds = rest * 100,
        };
    }
}
