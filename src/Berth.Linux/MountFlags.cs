namespace Berth.Linux;

/// <summary>mount(2) flags (linux/mount.h).</summary>
[Flags]
public enum MountFlags : ulong
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>MS_RDONLY.</summary>
    ReadOnly = 1,
    /// <summary>MS_NOSUID.</summary>
    NoSuid = 2,
    /// <summary>MS_NODEV.</summary>
    NoDev = 4,
    /// <summary>MS_NOEXEC.</summary>
    NoExec = 8,
    /// <summary>MS_REMOUNT.</summary>
    Remount = 32,
    /// <summary>MS_BIND.</summary>
    Bind = 4096,
    /// <summary>MS_REC.</summary>
    Recursive = 16384,
    /// <summary>MS_PRIVATE.</summary>
    Private = 1 << 18,
    /// <summary>MS_SLAVE.</summary>
    Slave = 1 << 19,
    /// <summary>MS_SHARED.</summary>
    Shared = 1 << 20,
}

/// <summary>umount2(2) flags.</summary>
[Flags]
public enum UnmountFlags
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>MNT_FORCE.</summary>
    Force = 1,
    /// <summary>MNT_DETACH: lazy unmount.</summary>
    Detach = 2,
}
