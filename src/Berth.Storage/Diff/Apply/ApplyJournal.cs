using System.Security.Cryptography;
using Berth.Linux;
using Berth.Storage.Diff.FileSystem;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Diff.Apply;

/// <summary>
/// The undo journal that makes a layer apply all or nothing. Before the layer replaces or removes a path that was
/// there before, the path is renamed into a hidden backup folder inside the root; paths the layer creates are
/// remembered, and so are the attributes of pre-existing folders before the layer changes them or their entries.
/// <see cref="Rollback"/> deletes what was created, moves the backups back and restores the folders;
/// <see cref="Commit"/> deletes the backups.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed partial class ApplyJournal(string root, ISyscalls syscalls, ILogger logger)
{
    private readonly List<Step> _steps = [];
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FolderState> _savedFolders = new(StringComparer.Ordinal);
    private readonly List<string> _savedOrder = [];
    private int _backups;

    /// <summary>The name of the backup folder in the root; layer entries may not touch it.</summary>
    public string BackupName { get; } = $".berth-apply-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    private string BackupFolder => Path.Join(root, BackupName);

    private string HostPath(string rel) => rel.Length == 0 ? root : Path.Join(root, rel);

    public bool WasCreated(string rel) => _created.Contains(rel);

    /// <summary>Call before creating <paramref name="rel"/>: rollback deletes it.</summary>
    public void NoteCreated(string rel)
    {
        SaveFolder(EntryPath.ParentOf(rel));
        _created.Add(rel);
        _steps.Add(new Step(rel, Backup: null));
    }

    /// <summary>Call before changing the attributes or the entries of the folder <paramref name="rel"/>.</summary>
    public void SaveFolder(string rel)
    {
        if (_created.Contains(rel) || _savedFolders.ContainsKey(rel))
        {
            return;
        }

        string host = HostPath(rel);
        if (syscalls.Lstat(host) is { Kind: FileKind.Directory } status)
        {
            _savedFolders[rel] = new FolderState(status, FsOps.ReadXattrs(syscalls, host));
            _savedOrder.Add(rel);
        }
    }

    /// <summary>
    /// Takes <paramref name="rel"/> out of the way: what this layer created is deleted, what was there before is
    /// moved into the backup folder so that rollback can put it back.
    /// </summary>
    public void Displace(string rel)
    {
        string host = HostPath(rel);
        SaveFolder(EntryPath.ParentOf(rel));
        if (_created.Contains(rel))
        {
            FsOps.RemoveTree(syscalls, host);
            return;
        }

        if (syscalls.Lstat(host) is null)
        {
            return;
        }

        string backup = Path.Join(EnsureBackupFolder(), (++_backups).ToString(System.Globalization.CultureInfo.InvariantCulture));
        _steps.Add(new Step(rel, backup));
        syscalls.Rename(host, backup);
    }

    /// <summary>The layer applied: drop the backups, leaving the root's times as the layer left them.</summary>
    public void Commit()
    {
        if (syscalls.Lstat(BackupFolder) is null)
        {
            return;
        }

        var rootStatus = syscalls.Lstat(root)!;
        FsOps.RemoveTree(syscalls, BackupFolder);
        syscalls.SetTimes(root, rootStatus.AccessedAt, rootStatus.ModifiedAt);
    }

    private string EnsureBackupFolder()
    {
        if (syscalls.Lstat(BackupFolder) is null)
        {
            SaveFolder(string.Empty);
            var rootStatus = syscalls.Lstat(root)!;
            FsOps.MakeFolder(BackupFolder, 0x1c0);
            syscalls.SetTimes(root, rootStatus.AccessedAt, rootStatus.ModifiedAt);
        }

        return BackupFolder;
    }

    /// <summary>A created path (Backup null) or a pre-existing path moved to Backup.</summary>
    private sealed record Step(string Path, string? Backup);

    private sealed record FolderState(FileStatus Status, SortedDictionary<string, byte[]> Xattrs);
}
