using Berth.Linux;

namespace Berth.Storage.Diff.FileSystem;

/// <summary>Filesystem steps shared by apply and compare; none of them follows a final symlink.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class FsOps
{
    private const string TrustedPrefix = "trusted.";

    /// <summary>Deletes a file, a symlink or a whole folder; nothing when the path is absent.</summary>
    public static void RemoveTree(ISyscalls syscalls, string path)
    {
        var status = syscalls.Lstat(path);
        if (status is null)
        {
            return;
        }

        if (status.Kind != FileKind.Directory)
        {
            File.Delete(path);
            return;
        }

        foreach (string child in Directory.EnumerateFileSystemEntries(path))
        {
            RemoveTree(syscalls, child);
        }

        Directory.Delete(path);
    }

    public static string ReadLink(string path) =>
        new FileInfo(path).LinkTarget ?? throw new IOException($"readlink {path}: not a symlink");

    public static void Chmod(string path, int mode) => File.SetUnixFileMode(path, (UnixFileMode)(mode & 0xfff));

    /// <summary>mkdir with exactly <paramref name="mode"/>, whatever the umask.</summary>
    public static void MakeFolder(string path, int mode)
    {
        Directory.CreateDirectory(path);
        Chmod(path, mode);
    }

    /// <summary>Every extended attribute of a path, by name.</summary>
    public static SortedDictionary<string, byte[]> ReadXattrs(ISyscalls syscalls, string path, Func<string, bool>? include = null)
    {
        var xattrs = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in syscalls.ListXattrs(path))
        {
            if ((include is null || include(name)) && syscalls.GetXattr(path, name) is { } value)
            {
                xattrs[name] = value;
            }
        }

        return xattrs;
    }

    /// <summary>
    /// Gives <paramref name="target"/> the owner, mode, times and non-trusted xattrs of <paramref name="source"/>
    /// (containerd's copyDirInfo and copyUpXAttrs).
    /// </summary>
    public static void CopyAttributes(ISyscalls syscalls, string source, FileStatus status, string target)
    {
        syscalls.Lchown(target, status.Uid, status.Gid);
        foreach (var (name, value) in ReadXattrs(syscalls, source, name => !name.StartsWith(TrustedPrefix, StringComparison.Ordinal)))
        {
            syscalls.SetXattr(target, name, value);
        }

        if (status.Kind != FileKind.Symlink)
        {
            Chmod(target, status.Mode);
        }

        syscalls.SetTimes(target, status.AccessedAt, status.ModifiedAt);
    }

    /// <summary>Copies a file, symlink or FIFO with its attributes (an overlayfs copy-up of one file).</summary>
    public static async Task CopyUpAsync(ISyscalls syscalls, string source, FileStatus status, string target, CancellationToken cancellationToken)
    {
        switch (status.Kind)
        {
            case FileKind.Regular:
                await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true))
                await using (var to = new FileStream(target, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                }))
                {
                    await from.CopyToAsync(to, cancellationToken);
                }

                break;
            case FileKind.Symlink:
                File.CreateSymbolicLink(target, ReadLink(source));
                break;
            case FileKind.Fifo:
                syscalls.MakeNode(target, FileKind.Fifo, status.Mode, 0, 0);
                break;
            default:
                throw new IOException($"cannot copy up {source}: a {status.Kind} cannot be hard-linked from a layer");
        }

        CopyAttributes(syscalls, source, status, target);
    }
}
