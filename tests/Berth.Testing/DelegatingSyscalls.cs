using Berth.Linux;
using Microsoft.Win32.SafeHandles;

namespace Berth.Testing;

/// <summary>Passes every call to another <see cref="ISyscalls"/>; tests override the calls they record or make fail.</summary>
public class DelegatingSyscalls(ISyscalls inner) : ISyscalls
{
    public virtual void Mount(string? source, string target, string? fsType, MountFlags flags, string? data) => inner.Mount(source, target, fsType, flags, data);

    public virtual void Unmount(string target, UnmountFlags flags = UnmountFlags.None) => inner.Unmount(target, flags);

    public virtual FileStatus? Lstat(string path) => inner.Lstat(path);

    public virtual void MakeNode(string path, FileKind kind, int mode, uint major, uint minor) => inner.MakeNode(path, kind, mode, major, minor);

    public virtual void Lchown(string path, int uid, int gid) => inner.Lchown(path, uid, gid);

    public virtual void SetTimes(string path, DateTimeOffset accessed, DateTimeOffset modified) => inner.SetTimes(path, accessed, modified);

    public virtual void SetXattr(string path, string name, ReadOnlySpan<byte> value) => inner.SetXattr(path, name, value);

    public virtual byte[]? GetXattr(string path, string name) => inner.GetXattr(path, name);

    public virtual IReadOnlyList<string> ListXattrs(string path) => inner.ListXattrs(path);

    public virtual void RemoveXattr(string path, string name) => inner.RemoveXattr(path, name);

    public virtual void Rename(string from, string to) => inner.Rename(from, to);

    public virtual void Link(string existing, string path) => inner.Link(existing, path);

    public virtual SafeFileHandle CreateExclusive(string path, int mode) => inner.CreateExclusive(path, mode);

    public virtual void Chown(SafeFileHandle file, int uid, int gid) => inner.Chown(file, uid, gid);

    public virtual void Chmod(SafeFileHandle file, int mode) => inner.Chmod(file, mode);

    public virtual void SetTimes(SafeFileHandle file, DateTimeOffset accessed, DateTimeOffset modified) => inner.SetTimes(file, accessed, modified);

    public virtual void SetXattr(SafeFileHandle file, string name, ReadOnlySpan<byte> value) => inner.SetXattr(file, name, value);

    public virtual void SyncDirectory(string path) => inner.SyncDirectory(path);
}
