using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>
/// Every system call berth makes that .NET does not wrap, behind one seam so that tests can record or fake them
/// (youki's Syscall trait). Failures throw a member of the closed error set chosen from errno.
/// </summary>
public interface ISyscalls
{
    /// <summary>mount(2).</summary>
    void Mount(string? source, string target, string? fsType, MountFlags flags, string? data);

    /// <summary>umount2(2).</summary>
    void Unmount(string target, UnmountFlags flags = UnmountFlags.None);

    /// <summary>lstat via statx(2): never follows a final symlink; null when the path does not exist.</summary>
    FileStatus? Lstat(string path);

    /// <summary>mknod(2) for devices and FIFOs.</summary>
    void MakeNode(string path, FileKind kind, int mode, uint major, uint minor);

    /// <summary>lchown(2).</summary>
    void Lchown(string path, int uid, int gid);

    /// <summary>utimensat(2) with AT_SYMLINK_NOFOLLOW.</summary>
    void SetTimes(string path, DateTimeOffset accessed, DateTimeOffset modified);

    /// <summary>lsetxattr(2).</summary>
    void SetXattr(string path, string name, ReadOnlySpan<byte> value);

    /// <summary>lgetxattr(2); null when the attribute is absent.</summary>
    byte[]? GetXattr(string path, string name);

    /// <summary>llistxattr(2).</summary>
    IReadOnlyList<string> ListXattrs(string path);

    /// <summary>lremovexattr(2).</summary>
    void RemoveXattr(string path, string name);

    /// <summary>rename(2): moves a file of any kind within one filesystem, replacing what is at <paramref name="to"/>.</summary>
    void Rename(string from, string to);

    /// <summary>link(2): a hard link at <paramref name="path"/> to <paramref name="existing"/>.</summary>
    void Link(string existing, string path);

    /// <summary>
    /// open(2) of a new regular file for writing (O_CREAT, O_EXCL, O_NOFOLLOW): the unpacker then sets the file's owner,
    /// mode, xattrs and times through the descriptor rather than resolving the path for each.
    /// </summary>
    SafeFileHandle CreateExclusive(string path, int mode);

    /// <summary>fchown(2).</summary>
    void Chown(SafeFileHandle file, int uid, int gid);

    /// <summary>fchmod(2).</summary>
    void Chmod(SafeFileHandle file, int mode);

    /// <summary>futimens(2).</summary>
    void SetTimes(SafeFileHandle file, DateTimeOffset accessed, DateTimeOffset modified);

    /// <summary>fsetxattr(2).</summary>
    void SetXattr(SafeFileHandle file, string name, ReadOnlySpan<byte> value);

    /// <summary>fsync(2) of a directory, so that a rename or a new entry in it survives a crash.</summary>
    void SyncDirectory(string path);
}
