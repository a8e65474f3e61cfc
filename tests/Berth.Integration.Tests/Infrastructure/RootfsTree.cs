using System.Security.Cryptography;
using Berth.Linux;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// Everything that makes two unpacked root filesystems the same, path by path: kind, mode, owner, content, link
/// target, device numbers, xattrs (but overlay's own) and which paths share an inode.
/// </summary>
public static class RootfsTree
{
    public static SortedDictionary<string, string> Describe(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var inodes = new Dictionary<ulong, List<string>>();
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions
        {
            RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false,
        }))
        {
            string relative = Path.GetRelativePath(root, path);
            var status = LinuxSyscalls.Instance.Lstat(path)!;
            string what = status.Kind switch
            {
                FileKind.Regular => $"file {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}",
                FileKind.Symlink => $"symlink -> {new FileInfo(path).LinkTarget}",
                FileKind.CharDevice or FileKind.BlockDevice => $"{status.Kind} {status.RdevMajor}:{status.RdevMinor}",
                _ => status.Kind.ToString().ToLowerInvariant(),
            };
            var xattrs = LinuxSyscalls.Instance.ListXattrs(path)
                .Where(name => !name.StartsWith("trusted.overlay.", StringComparison.Ordinal) && name != "security.selinux")
                .Order(StringComparer.Ordinal)
                .Select(name => $"{name}={Convert.ToHexStringLower(LinuxSyscalls.Instance.GetXattr(path, name) ?? [])}");
            entries[relative] = $"{what} mode={Convert.ToString(status.Mode, 8)} owner={status.Uid}:{status.Gid} xattrs=[{string.Join(',', xattrs)}]";
            if (status.Kind == FileKind.Regular && status.Links > 1)
            {
                (inodes.TryGetValue(status.Inode, out var paths) ? paths : inodes[status.Inode] = []).Add(relative);
            }
        }

        foreach (var group in inodes.Values.Where(g => g.Count > 1))
        {
            foreach (string member in group)
            {
                entries[member] += $" links=[{string.Join(',', group.Order(StringComparer.Ordinal))}]";
            }
        }

        return entries;
    }

    /// <summary>Lines that differ, for an assertion message.</summary>
    public static IReadOnlyList<string> Differences(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual)
        => [.. expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(key => expected.GetValueOrDefault(key) != actual.GetValueOrDefault(key))
            .Select(key => $"{key}: containerd {expected.GetValueOrDefault(key) ?? "(absent)"} / berth {actual.GetValueOrDefault(key) ?? "(absent)"}")];
}
