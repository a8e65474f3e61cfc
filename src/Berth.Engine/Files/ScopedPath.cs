using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Engine.Files;

/// <summary>
/// A path inside a container's root resolved as the container itself would see it: every symlink is followed with the
/// root as <c>/</c>, and <c>..</c> stops at the root, so no link (absolute or relative) leads outside it.
/// </summary>
internal static class ScopedPath
{
    // Linux gives up after 40 nested links; docker's scope evaluation after 255.
    private const int MaxLinks = 255;

    /// <summary>
    /// Resolves <paramref name="path"/> (absolute in the container) under the host folder <paramref name="root"/> and
    /// returns it absolute in the container, symlink-free up to its last part; that part is followed only with
    /// <paramref name="followLast"/>. Parts that do not exist are kept as written.
    /// </summary>
    public static string Resolve(ISyscalls syscalls, string root, string path, bool followLast)
    {
        var pending = new LinkedList<string>(Split(path));
        var resolved = new List<string>();
        int links = 0;
        while (pending.First is { } first)
        {
            string part = first.Value;
            pending.RemoveFirst();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            resolved.Add(part);
            if (pending.Count == 0 && !followLast)
            {
                break;
            }

            string host = HostPath(root, Join(resolved));
            if (syscalls.Lstat(host) is not { Kind: FileKind.Symlink })
            {
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new InvalidArgumentException($"too many levels of symbolic links in {path}");
            }

            string target = new FileInfo(host).LinkTarget ?? string.Empty;
            resolved.RemoveAt(resolved.Count - 1);
            if (target.StartsWith('/'))
            {
                resolved.Clear();
            }

            foreach (string linked in Split(target).Reverse())
            {
                pending.AddFirst(linked);
            }
        }

        return Join(resolved);
    }

    /// <summary>
    /// Where a resolved container path is on the host. The root itself ends in <c>/</c>: /proc/&lt;pid&gt;/root is a link
    /// that lstat would not follow without it.
    /// </summary>
    public static string HostPath(string root, string resolved) => root.TrimEnd('/') + resolved;

    /// <summary>The parent of an absolute container path (<c>/</c> for the root).</summary>
    public static string Parent(string path)
    {
        int slash = path.TrimEnd('/').LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>Joins two container paths lexically.</summary>
    public static string Combine(string folder, string relative) => folder.TrimEnd('/') + "/" + relative.TrimStart('/');

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    private static string Join(List<string> parts) => "/" + string.Join('/', parts);
}
