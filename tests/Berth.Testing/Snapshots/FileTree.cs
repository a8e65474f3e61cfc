using System.Runtime.Versioning;

namespace Berth.Testing.Snapshots;

/// <summary>Writes small trees into a mounted snapshot and describes a tree for comparison (containerd's fstest).</summary>
[SupportedOSPlatform("linux")]
public static class FileTree
{
    public const UnixFileMode Mode755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Mode777 = Mode755 | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates or replaces a file, creating its folders.</summary>
    public static void WriteFile(string root, string path, string content, UnixFileMode mode = Mode644)
    {
        string full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        File.SetUnixFileMode(full, mode);
    }

    public static void CreateFolder(string root, string path, UnixFileMode mode = Mode755)
    {
        string full = Path.Combine(root, path);
        Directory.CreateDirectory(full);
        File.SetUnixFileMode(full, mode);
    }

    public static void Delete(string root, string path)
    {
        string full = Path.Combine(root, path);
        if (Directory.Exists(full))
        {
            Directory.Delete(full, recursive: true);
        }
        else
        {
            File.Delete(full);
        }
    }

    /// <summary>Every entry under <paramref name="root"/>: kind, mode, and content or link target; not times.</summary>
    public static SortedDictionary<string, string> Describe(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = 0,
        }))
        {
            string path = Path.GetRelativePath(root, info.FullName);
            string mode = Convert.ToString((int)info.UnixFileMode, 8);
            entries[path] = info switch
            {
                _ when info.LinkTarget is { } target => $"symlink -> {target}",
                DirectoryInfo => $"dir {mode}",
                _ => $"file {mode} {File.ReadAllText(info.FullName)}",
            };
        }

        return entries;
    }
}
