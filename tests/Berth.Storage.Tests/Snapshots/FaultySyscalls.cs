using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Storage.Tests.Snapshots;

/// <summary>The real system calls, except those a test tells to fail (to stand in for a crash or a kernel refusal).</summary>
internal sealed class FaultySyscalls(ISyscalls inner) : ISyscalls
{
    public bool FailMount { get; set; }

    public bool FailSyncDirectory { get; set; }

    public void Mount(string? source, string target, string? fsType, MountFlags flags, string? data)
    {
        if (FailMount)
        {
            throw new UnimplementedException($"mount {target}: unknown filesystem type '{fsType}' (injected)");
        }

        inner.Mount(source, target, fsType, flags, data);
    }

    public void SyncDirectory(string path)
    {
        if (FailSyncDirectory)
        {
            throw new InternalException($"fsync {path}: input/output error (injected)");
        }

        inner.SyncDirectory(path);
    }

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
