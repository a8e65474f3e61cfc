using System.Globalization;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Engine.Files;

/// <summary>
/// A container's <c>-u user[:group]</c> as ids, read from its own /etc/passwd and /etc/group (as current dockerd does for
/// <c>cp -a</c>; 20.10 looked the name up on the host).
/// </summary>
internal static class ContainerUsers
{
    public static (int Uid, int Gid) Resolve(ISyscalls syscalls, string root, string user)
    {
        string[] parts = user.Split(':', 2);
        string name = parts[0];
        int uid;
        int gid;
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            gid = Find(syscalls, root, "/etc/passwd", line => line[2] == name) is { } byId ? Id(byId[3]) : 0;
        }
        else
        {
            var entry = Find(syscalls, root, "/etc/passwd", line => line[0] == name)
                ?? throw new InvalidArgumentException($"unable to find user {name}: no matching entries in passwd file");
            uid = Id(entry[2]);
            gid = Id(entry[3]);
        }

        if (parts.Length == 2)
        {
            string group = parts[1];
            gid = int.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number
                : Find(syscalls, root, "/etc/group", line => line[0] == group) is { } found ? Id(found[2])
                : throw new InvalidArgumentException($"unable to find group {group}: no matching entries in group file");
        }

        return (uid, gid);
    }

    private static string[]? Find(ISyscalls syscalls, string root, string file, Func<string[], bool> match)
    {
        string path = ScopedPath.HostPath(root, ScopedPath.Resolve(syscalls, root, file, followLast: true));
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path).Select(line => line.Split(':')).FirstOrDefault(fields => fields.Length >= 4 && match(fields));
    }

    private static int Id(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : 0;
}
