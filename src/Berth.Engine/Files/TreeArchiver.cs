using System.Formats.Tar;
using Berth.Linux;

namespace Berth.Engine.Files;

/// <summary>
/// Writes a tree of host files as tar entries with their owners, modes, times, symlinks, devices and hard links (a
/// second name of a file already written becomes a link entry to the first). Folders are walked in ordinal order.
/// </summary>
internal sealed class TreeArchiver(ISyscalls syscalls, TarWriter writer)
{
    private readonly Dictionary<(ulong Device, ulong Inode), string> _written = [];

    /// <summary>
    /// Set for a running container seen through /proc/&lt;pid&gt;/root: folders of another filesystem (its /proc, /sys,
    /// volumes) are written as empty folders, as its own layer has them.
    /// </summary>
    public ulong? StayOnDevice { get; init; }

    /// <summary>
    /// Host folders written without their contents: a running container's /proc, /sys and /dev are the kernel's and the
    /// runtime's, not its files (a stopped container has them empty).
    /// </summary>
    public IReadOnlySet<string> Opaque { get; init; } = new HashSet<string>();

    /// <summary>Writes <paramref name="hostPath"/> as <paramref name="entryName"/>, and a folder's tree below it.</summary>
    public async ValueTask AddTreeAsync(string hostPath, string entryName, CancellationToken cancellationToken)
    {
        if (syscalls.Lstat(hostPath) is not { } status)
        {
            return; // gone while walking
        }

        await AddAsync(hostPath, status, entryName, cancellationToken);
        if (status.Kind == FileKind.Directory && (StayOnDevice is not { } device || device == status.Device) && !Opaque.Contains(hostPath.TrimEnd('/')))
        {
            await AddChildrenAsync(hostPath, entryName, cancellationToken);
        }
    }

    /// <summary>Writes what a folder holds, each entry named <paramref name="prefix"/> + its name.</summary>
    public async ValueTask AddChildrenAsync(string hostFolder, string prefix, CancellationToken cancellationToken)
    {
        var children = Directory.EnumerateFileSystemEntries(hostFolder).Select(Path.GetFileName).ToList();
        children.Sort(StringComparer.Ordinal);
        string parent = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        foreach (string? child in children)
        {
            await AddTreeAsync(Path.Join(hostFolder, child), parent + child, cancellationToken);
        }
    }

    private async ValueTask AddAsync(string hostPath, FileStatus status, string name, CancellationToken cancellationToken)
    {
        var type = status.Kind switch
        {
            FileKind.Directory => TarEntryType.Directory,
            FileKind.Symlink => TarEntryType.SymbolicLink,
            FileKind.CharDevice => TarEntryType.CharacterDevice,
            FileKind.BlockDevice => TarEntryType.BlockDevice,
            FileKind.Fifo => TarEntryType.Fifo,
            FileKind.Regular => TarEntryType.RegularFile,
            _ => (TarEntryType?)null,
        };
        if (type is null)
        {
            return; // sockets have no tar form
        }

        if (type == TarEntryType.Directory && !name.EndsWith('/'))
        {
            name += "/";
        }

        if (type == TarEntryType.RegularFile && status.Links > 1)
        {
            if (_written.TryGetValue((status.Device, status.Inode), out string? first))
            {
                type = TarEntryType.HardLink;
                await writer.WriteEntryAsync(Entry(type.Value, name, status, first), cancellationToken);
                return;
            }

            _written[(status.Device, status.Inode)] = name;
        }

        var entry = Entry(type.Value, name, status, type == TarEntryType.SymbolicLink ? new FileInfo(hostPath).LinkTarget ?? string.Empty : null);
        if (type == TarEntryType.RegularFile)
        {
            await using var data = new FileStream(hostPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.Asynchronous);
            entry.DataStream = data;
            await writer.WriteEntryAsync(entry, cancellationToken);
            return;
        }

        await writer.WriteEntryAsync(entry, cancellationToken);
    }

    private static PaxTarEntry Entry(TarEntryType type, string name, FileStatus status, string? linkName)
    {
        var entry = new PaxTarEntry(type, name)
        {
            Mode = (UnixFileMode)(status.Mode & 0xFFF),
            Uid = status.Uid,
            Gid = status.Gid,
            ModificationTime = status.ModifiedAt,
        };
        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        if (type is TarEntryType.CharacterDevice or TarEntryType.BlockDevice)
        {
            entry.DeviceMajor = (int)status.RdevMajor;
            entry.DeviceMinor = (int)status.RdevMinor;
        }

        return entry;
    }
}
