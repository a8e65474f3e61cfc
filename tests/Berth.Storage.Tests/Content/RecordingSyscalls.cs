using System.Collections.Concurrent;
using Berth.Linux;

namespace Berth.Storage.Tests.Content;

/// <summary>Passes every call to the real syscalls and records the folders synced, with what each held at that moment.</summary>
internal sealed class RecordingSyscalls(ISyscalls inner) : ISyscalls
{
    public ConcurrentQueue<(string Path, string[] Entries)> SyncedDirectories { get; } = new();

    public void SyncDirectory(string path)
    {
        SyncedDirectories.Enqueue((path, Directory.GetFileSystemEntries(path).Select(e => Path.GetFileName(e)).ToArray()));
        inner.SyncDirectory(path);
    }

    public void Mount(string? source, string target, string? fsType, MountFlags flags, string? data) => inner.Mount(source, target, fsType, flags, data);

    public void Unmount(string target, UnmountFlags flags = UnmountFlags.None) => inner.Unmount(target, flags);

    public FileStatus? Lstat(string path) => inner.Lstat(path);

    public void MakeNode(string path, FileKind kind, int mode, uint major, uint minor) => inner.MakeNode(path, kind, mode, major, minor);

    public void Lchown(string path, int uid, int gid) => inner.Lchown(path, uid, gid);

    public void SetTimes(string path, DateTimeOffset accessed, DateTimeOffset modified) => inner.SetTimes(path, accessed, modified);

    public void SetXattr(string path, string name, ReadOnlySpan<byte> value) => inner.SetXattr(path, name, value);

    public byte[]? GetXattr(string path, string name) => inner.GetXattr(path, name);

    public IReadOnlyList<string> ListXattrs(string path) => inner.ListXattrs(path);

    public void Link(string existing, string path) => inner.Link(existing, path);
}
