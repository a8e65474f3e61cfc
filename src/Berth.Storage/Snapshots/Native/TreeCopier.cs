using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Linux;
using Berth.Storage.Snapshots.Storage;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Snapshots.Native;

/// <summary>
/// Copies a folder tree with everything an image layer may hold: owners, modes with setuid/setgid/sticky, times,
/// extended attributes, symlinks (not followed), FIFOs and device nodes, and hard links within the tree (linked
/// again, not copied twice). Sockets are skipped. One instance per copy: it remembers the hard links it has seen.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TreeCopier(ISyscalls syscalls, ILogger logger)
{
    private readonly Dictionary<(ulong Device, ulong Inode), string> _copiedLinks = [];

    /// <summary>Copies what <paramref name="source"/> holds into the existing <paramref name="destination"/>, then its attributes.</summary>
    public void CopyTree(string source, string destination, CancellationToken cancellationToken)
    {
        var status = Stat(source);
        if (status.Kind != FileKind.Directory)
        {
            throw new InvalidArgumentException($"cannot copy {source}: it is a {status.Kind}, not a folder");
        }

        CopyChildren(source, destination, cancellationToken);
        CopyAttributes(source, destination, status);
    }

    private void CopyChildren(string source, string destination, CancellationToken cancellationToken)
    {
        foreach (string child in Directory.EnumerateFileSystemEntries(source, "*", SnapshotFolders.AllEntries))
        {
            cancellationToken.ThrowIfCancellationRequested();
            CopyEntry(child, Path.Combine(destination, Path.GetFileName(child)), cancellationToken);
        }
    }

    private void CopyEntry(string source, string destination, CancellationToken cancellationToken)
    {
        var status = Stat(source);
        if (status.Kind != FileKind.Directory && status.Links > 1)
        {
            if (_copiedLinks.TryGetValue((status.Device, status.Inode), out string? first))
            {
                syscalls.Link(first, destination);
                return;
            }

            _copiedLinks[(status.Device, status.Inode)] = destination;
        }

        switch (status.Kind)
        {
            case FileKind.Directory:
                Directory.CreateDirectory(destination);
                CopyChildren(source, destination, cancellationToken);
                break;
            case FileKind.Regular:
                File.Copy(source, destination);
                break;
            case FileKind.Symlink:
                File.CreateSymbolicLink(destination, new FileInfo(source).LinkTarget
                    ?? throw new InternalException($"cannot read symlink {source}: it changed while being copied"));
                break;
            case FileKind.CharDevice or FileKind.BlockDevice or FileKind.Fifo:
                syscalls.MakeNode(destination, status.Kind, status.Mode, status.RdevMajor, status.RdevMinor);
                break;
            default:
                SnapshotterLog.SocketSkipped(logger, source);
                return;
        }

        CopyAttributes(source, destination, status);
    }

    // Owner before mode (chown clears setuid and setgid), times last (setting the others changes them).
    private void CopyAttributes(string source, string destination, FileStatus status)
    {
        syscalls.Lchown(destination, status.Uid, status.Gid);
        if (status.Kind != FileKind.Symlink)
        {
            File.SetUnixFileMode(destination, (UnixFileMode)status.Mode);
        }

        CopyXattrs(source, destination);
        syscalls.SetTimes(destination, status.AccessedAt, status.ModifiedAt);
    }

    private void CopyXattrs(string source, string destination)
    {
        IReadOnlyList<string> names;
        try
        {
            names = syscalls.ListXattrs(source);
        }
        catch (UnimplementedException exception)
        {
            // The source filesystem has no extended attributes at all.
            SnapshotterLog.XattrNotCopied(logger, "*", source, exception);
            return;
        }

        foreach (string name in names)
        {
            try
            {
                if (syscalls.GetXattr(source, name) is { } value)
                {
                    syscalls.SetXattr(destination, name, value);
                }
            }
            catch (BerthException exception)
            {
                // As containerd: some security.* attributes cannot be set (moby/buildkit#1189); the copy goes on.
                SnapshotterLog.XattrNotCopied(logger, name, source, exception);
            }
        }
    }

    private FileStatus Stat(string path)
        => syscalls.Lstat(path) ?? throw new NotFoundException($"cannot copy {path}: it disappeared while being copied");
}
