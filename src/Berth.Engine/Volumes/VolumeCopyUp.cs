using Berth.Linux;

namespace Berth.Engine.Volumes;

/// <summary>
/// docker's copy-up: an empty volume mounted where the image has files gets a copy of them (modes, owners, symlinks),
/// so a fresh <c>-v data:/var/lib/app</c> starts with what the image put there.
/// </summary>
internal static class VolumeCopyUp
{
    /// <summary>Copies the tree at <paramref name="source"/> into the empty folder <paramref name="target"/>.</summary>
    public static void Copy(ISyscalls syscalls, string source, string target)
    {
        CopyOwnerAndMode(syscalls, source, target);
        foreach (string entry in Directory.EnumerateFileSystemEntries(source))
        {
            string destination = Path.Join(target, Path.GetFileName(entry));
            var status = syscalls.Lstat(entry);
            switch (status?.Kind)
            {
                case FileKind.Directory:
                    Directory.CreateDirectory(destination);
                    Copy(syscalls, entry, destination);
                    break;
                case FileKind.Symlink:
                    File.CreateSymbolicLink(destination, new FileInfo(entry).LinkTarget!);
                    syscalls.Lchown(destination, status.Uid, status.Gid);
                    break;
                case FileKind.Regular:
                    File.Copy(entry, destination);
                    CopyOwnerAndMode(syscalls, entry, destination);
                    break;
                default:
                    // Devices, FIFOs and sockets in an image's volume path are rare; docker copies them, berth leaves them out.
                    break;
            }
        }
    }

    /// <summary>Whether a folder has nothing in it (only then does docker copy into a volume).</summary>
    public static bool IsEmpty(string folder) => !Directory.EnumerateFileSystemEntries(folder).Any();

    private static void CopyOwnerAndMode(ISyscalls syscalls, string from, string to)
    {
        if (syscalls.Lstat(from) is { } status)
        {
            syscalls.Lchown(to, status.Uid, status.Gid);
            File.SetUnixFileMode(to, (UnixFileMode)(status.Mode & 0xFFF));
        }
    }
}
