namespace Berth.Storage.Diff.Tar;

/// <summary>One entry of a layer tar as <see cref="LayerTarWriter"/> writes it.</summary>
/// <param name="Type">The ustar typeflag: '0' file, '1' hard link, '2' symlink, '3' char device, '4' block device, '5' folder, '6' FIFO.</param>
/// <param name="Mode">Permission bits with setuid, setgid and sticky (mode &amp; 07777).</param>
/// <param name="ModifiedSeconds">The mtime in whole seconds since the epoch (containerd truncates it too).</param>
internal sealed record LayerTarHeader(string Name, char Type, int Mode, int Uid, int Gid, long Size, long ModifiedSeconds)
{
    public const char RegularType = '0', HardLinkType = '1', SymlinkType = '2', CharDeviceType = '3', BlockDeviceType = '4',
        DirectoryType = '5', FifoType = '6';

    public string LinkName { get; init; } = string.Empty;

    public uint DevMajor { get; init; }

    public uint DevMinor { get; init; }

    /// <summary>Written as PAX <c>SCHILY.xattr.&lt;name&gt;</c> records, in name order.</summary>
    public IReadOnlyDictionary<string, byte[]> Xattrs { get; init; } = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
}
