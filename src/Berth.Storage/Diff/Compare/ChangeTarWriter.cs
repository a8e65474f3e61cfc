using Berth.Linux;
using Berth.Storage.Diff.Apply;
using Berth.Storage.Diff.FileSystem;
using Berth.Storage.Diff.Tar;

namespace Berth.Storage.Diff.Compare;

/// <summary>
/// Turns changes into an OCI layer tar (containerd's archive.ChangeWriter): deletions become <c>.wh.</c> files,
/// every entry's parent folders come before it, and files hard-linked together in the upper tree come out as one
/// file and link entries to it. Whiteouts get time 0 rather than the current time, so the same change always
/// gives the same bytes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ChangeTarWriter(LayerTarWriter tar, string upperRoot, ISyscalls syscalls)
{
    private readonly Dictionary<(ulong Device, ulong Inode), string> _linkSources = [];
    private readonly Dictionary<(ulong Device, ulong Inode), List<string>> _pendingLinks = [];
    private readonly HashSet<string> _writtenFolders = new(StringComparer.Ordinal);

    public async Task WriteAsync(Change change, CancellationToken cancellationToken)
    {
        if (change.Kind == ChangeKind.Delete)
        {
            string parent = EntryPath.ParentOf(change.Path);
            string name = EntryPath.Combine(parent, ".wh." + change.Path[(change.Path.LastIndexOf('/') + 1)..]);
            var whiteout = new LayerTarHeader(name, LayerTarHeader.RegularType, 0, 0, 0, 0, 0);
            await WriteParentsAsync(whiteout, cancellationToken);
            await tar.WriteAsync(whiteout, null, cancellationToken);
            return;
        }

        var node = change.Node!;
        if (node.Status.Kind == FileKind.Socket)
        {
            return;
        }

        var header = HeaderOf(node);
        List<string>? extraLinks = null;
        if (node.Status is { Kind: not FileKind.Directory, Links: > 1 })
        {
            var inode = (node.Status.Device, node.Status.Inode);
            if (_linkSources.TryGetValue(inode, out string? source))
            {
                header = header with { Type = LayerTarHeader.HardLinkType, LinkName = source, Size = 0 };
            }
            else if (change.Kind == ChangeKind.Unmodified)
            {
                // Unchanged, but if another link to it changes, this name must come along as a link.
                (_pendingLinks.TryGetValue(inode, out var names) ? names : _pendingLinks[inode] = []).Add(header.Name);
                return;
            }
            else
            {
                _linkSources[inode] = header.Name;
                _pendingLinks.Remove(inode, out extraLinks);
            }
        }
        else if (change.Kind == ChangeKind.Unmodified)
        {
            return;
        }

        await WriteParentsAsync(header, cancellationToken);
        if (header.Type == LayerTarHeader.RegularType && header.Size > 0)
        {
            await using var content = new FileStream(node.HostPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
            await tar.WriteAsync(header, content, cancellationToken);
        }
        else
        {
            await tar.WriteAsync(header, null, cancellationToken);
        }

        foreach (string extra in extraLinks ?? [])
        {
            var link = header with { Name = extra, Type = LayerTarHeader.HardLinkType, LinkName = header.Name, Size = 0 };
            await WriteParentsAsync(link, cancellationToken);
            await tar.WriteAsync(link, null, cancellationToken);
        }
    }

    private LayerTarHeader HeaderOf(TreeNode node)
    {
        var status = node.Status;
        char type = status.Kind switch
        {
            FileKind.Directory => LayerTarHeader.DirectoryType,
            FileKind.Symlink => LayerTarHeader.SymlinkType,
            FileKind.CharDevice => LayerTarHeader.CharDeviceType,
            FileKind.BlockDevice => LayerTarHeader.BlockDeviceType,
            FileKind.Fifo => LayerTarHeader.FifoType,
            _ => LayerTarHeader.RegularType,
        };
        string name = status.Kind == FileKind.Directory ? node.Path + "/" : node.Path;
        long seconds = (long)Math.Floor((status.ModifiedAt - DateTimeOffset.UnixEpoch).TotalSeconds);
        return new LayerTarHeader(name, type, status.Mode, status.Uid, status.Gid, type == LayerTarHeader.RegularType ? status.Size : 0, seconds)
        {
            LinkName = status.Kind == FileKind.Symlink ? FsOps.ReadLink(node.HostPath) : string.Empty,
            DevMajor = status.RdevMajor,
            DevMinor = status.RdevMinor,
            Xattrs = FsOps.ReadXattrs(syscalls, node.HostPath, ChangeWalker.IsContentXattr),
        };
    }

    // A layer lists a folder before what it holds, so that the folder's attributes are known when it is created.
    private async Task WriteParentsAsync(LayerTarHeader header, CancellationToken cancellationToken)
    {
        string name = header.Name.TrimEnd('/');
        string parent = EntryPath.ParentOf(name);
        if (parent.Length > 0 && _writtenFolders.Add(parent))
        {
            string host = Path.Join(upperRoot, parent);
            var status = syscalls.Lstat(host) ?? throw new IOException($"{host} vanished while the diff was written: retry once it is quiet");
            await WriteAsync(new Change(ChangeKind.Modify, parent, new TreeNode(parent, host, status)), cancellationToken);
        }

        if (header.Type == LayerTarHeader.DirectoryType)
        {
            _writtenFolders.Add(name);
        }
    }
}
