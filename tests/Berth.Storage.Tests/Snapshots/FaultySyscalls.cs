using Berth.Core.Errors;
using Berth.Linux;
using Berth.Testing;

namespace Berth.Storage.Tests.Snapshots;

/// <summary>The real system calls, except those a test tells to fail (to stand in for a crash or a kernel refusal).</summary>
internal sealed class FaultySyscalls(ISyscalls inner) : DelegatingSyscalls(inner)
{
    public bool FailMount { get; set; }

    public bool FailSyncDirectory { get; set; }

    /// <summary>How many lstat calls were made (a walk over a tree makes one per entry).</summary>
    public int LstatCalls { get; private set; }

    public override FileStatus? Lstat(string path)
    {
        LstatCalls++;
        return base.Lstat(path);
    }

    public override void Mount(string? source, string target, string? fsType, MountFlags flags, string? data)
    {
        if (FailMount)
        {
            throw new UnimplementedException($"mount {target}: unknown filesystem type '{fsType}' (injected)");
        }

        base.Mount(source, target, fsType, flags, data);
    }

    public override void SyncDirectory(string path)
    {
        if (FailSyncDirectory)
        {
            throw new InternalException($"fsync {path}: input/output error (injected)");
        }

        base.SyncDirectory(path);
    }
}
