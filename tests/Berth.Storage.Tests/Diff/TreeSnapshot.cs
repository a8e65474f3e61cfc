using System.Security.Cryptography;
using Berth.Linux;

namespace Berth.Storage.Tests.Diff;

/// <summary>Everything a tree holds, one line per path, to compare trees byte for byte and mode for mode.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class TreeSnapshot
{
    /// <param name="includeRoot">Whether the root's own line is in.</param>
    /// <param name="folderLinks">Whether folders' link counts are in (overlayfs reports 1 for merged folders).</param>
    public static List<string> Take(string root, bool includeRoot = true, bool folderLinks = true)
    {
        var lines = new List<string>();
        if (includeRoot)
        {
            lines.Add(Describe(root, ".", folderLinks));
        }

        Walk(root, string.Empty, lines, folderLinks);
        return lines;
    }

    public static string Describe(string host, string rel, bool folderLinks = true)
    {
        var syscalls = LinuxSyscalls.Instance;
        var status = syscalls.Lstat(host) ?? throw new FileNotFoundException(host);
        string detail = status.Kind switch
        {
            FileKind.Regular => $"size={status.Size} sha256={Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(host)))[..16]}",
            FileKind.Symlink => $"-> {new FileInfo(host).LinkTarget}",
            FileKind.CharDevice or FileKind.BlockDevice => $"rdev={status.RdevMajor}:{status.RdevMinor}",
            _ => string.Empty,
        };
        var xattrs = syscalls.ListXattrs(host).Order(StringComparer.Ordinal)
            .Select(name => $"{name}={Convert.ToHexStringLower(syscalls.GetXattr(host, name) ?? [])}");
        string links = status.Kind == FileKind.Directory && !folderLinks ? "-" : status.Links.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{rel} {status.Kind} {Convert.ToString(status.Mode, 8)} {status.Uid}:{status.Gid} links={links} "
            + $"mtime={status.ModifiedAt.UtcTicks} {detail} [{string.Join(' ', xattrs)}]";
    }

    private static void Walk(string host, string rel, List<string> lines, bool folderLinks)
    {
        foreach (string child in Directory.EnumerateFileSystemEntries(host).Order(StringComparer.Ordinal))
        {
            string childRel = rel.Length == 0 ? Path.GetFileName(child) : $"{rel}/{Path.GetFileName(child)}";
            lines.Add(Describe(child, childRel, folderLinks));
            if (LinuxSyscalls.Instance.Lstat(child) is { Kind: FileKind.Directory })
            {
                Walk(child, childRel, lines, folderLinks);
            }
        }
    }
}
