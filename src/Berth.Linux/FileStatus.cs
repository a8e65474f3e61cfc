namespace Berth.Linux;

/// <summary>The kind of a filesystem object, from the S_IFMT bits.</summary>
public enum FileKind
{
    /// <summary>S_IFREG.</summary>
    Regular,
    /// <summary>S_IFDIR.</summary>
    Directory,
    /// <summary>S_IFLNK.</summary>
    Symlink,
    /// <summary>S_IFCHR.</summary>
    CharDevice,
    /// <summary>S_IFBLK.</summary>
    BlockDevice,
    /// <summary>S_IFIFO.</summary>
    Fifo,
    /// <summary>S_IFSOCK.</summary>
    Socket,
}

/// <summary>What lstat/statx tells of a path, without following a final symlink.</summary>
/// <param name="Mode">The permission bits with setuid, setgid and sticky (mode &amp; 07777).</param>
public sealed record FileStatus(
    FileKind Kind, int Mode, int Uid, int Gid, long Size, ulong Inode, ulong Device, uint Links,
    uint RdevMajor, uint RdevMinor, DateTimeOffset ModifiedAt, DateTimeOffset AccessedAt, long Blocks);
