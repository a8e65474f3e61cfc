using System.Security.Cryptography;
using Berth.Linux;

namespace Berth.Storage.Tests.Diff;

/// <summary>Everything a tree holds, one line per path, to compare trees byte for byte and mode for mode.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class TreeSnapshot
{
    public static List<string> Take(string root, bool includeRoot = true)
    {
        var lines = new List<string>();
        if (includeRoot)
        {
            lines.Add(Describe(root, "."));
        }

        Walk(root, string.Empty, lines);
        return lines;
    }

    public static string Describe(string host, string rel)
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
        return $"{rel} {status.Kind} {Convert.ToString(status.Mode, 8)} {status.Uid}:{status.Gid} links={status.Links} "
            + $"mtime={status.ModifiedAt.UtcTicks} {detail} [{string.Join(' ', xattrs)}]";
    }

    private static void Walk(string host, string rel, List<string> lines)
    {
        foreach (string child in Directory.EnumerateFileSystemEntries(host).Order(StringComparer.Ordinal))
        {
            string childRel = rel.Length == 0 ? Path.GetFileName(child) : $"{rel}/{Path.GetFileName(child)}";
            lines.Add(Describe(child, childRel));
            if (LinuxSyscalls.Instance.Lstat(child) is { Kind: FileKind.Directory })
            {
                Walk(child, childRel, lines);
            }
        }
    }
}
