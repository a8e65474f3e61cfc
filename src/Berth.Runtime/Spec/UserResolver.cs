using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Runtime.Spec;

/// <summary>The ids a process runs with: user, primary group, supplementary groups.</summary>
public sealed record ResolvedUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids);

/// <summary>
/// Resolves a docker <c>USER</c> (<c>name</c>, <c>uid</c>, <c>name:group</c>, <c>uid:gid</c>…) against the image's
/// <c>/etc/passwd</c> and <c>/etc/group</c>, as runc's user lookup that dockerd uses: a name must exist; a number need
/// not; without an explicit group the user's primary group is taken and the groups that list the user by name become
/// supplementary; an explicit group gives no supplementary groups.
/// </summary>
public static class UserResolver
{
    /// <summary>Resolves <paramref name="user"/> inside <paramref name="rootfs"/> (null: no files to read, numbers only).</summary>
    public static ResolvedUser Resolve(string? user, string? rootfs, IEnumerable<string>? groupAdd = null)
    {
        var passwd = ReadEntries(rootfs, "etc/passwd");
        var groups = ReadEntries(rootfs, "etc/group");
        string spec = user ?? string.Empty;
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string userPart = colon < 0 ? spec : spec[..colon];
        string groupPart = colon < 0 ? string.Empty : spec[(colon + 1)..];

        bool numericUser = uint.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out uint uidArg);
        string[]? match = passwd.FirstOrDefault(p => userPart.Length == 0 ? IdEquals(p[2], 0)
            : numericUser ? IdEquals(p[2], uidArg) : p[0] == userPart);

        uint uid = 0, gid = 0;
        string? matchedName = null;
        if (match is not null)
        {
            matchedName = match[0];
            uid = ParseId(match[2], "uid", match[0]);
            gid = ParseId(match[3], "gid", match[0]);
        }
        else if (userPart.Length > 0)
        {
            uid = numericUser ? uidArg : throw new InvalidArgumentException(
                $"user {userPart} is not in the image's /etc/passwd{(rootfs is null ? " (the image's files were not available)" : string.Empty)}; use a name it has or a numeric uid");
        }

        var additional = new List<uint>();
        if (groupPart.Length > 0)
        {
            gid = ResolveGroup(groupPart, groups, rootfs is null);
        }
        else if (matchedName is not null)
        {
            additional.AddRange(groups.Where(g => g[3].Split(',').Contains(matchedName)).Select(g => ParseId(g[2], "gid", g[0])));
        }

        foreach (string extra in groupAdd ?? [])
        {
            uint id = ResolveGroup(extra, groups, rootfs is null);
            if (!additional.Contains(id))
            {
                additional.Add(id);
            }
        }

        return new ResolvedUser(uid, gid, additional);
    }

    private static uint ResolveGroup(string group, List<string[]> groups, bool noFiles)
    {
        if (uint.TryParse(group, NumberStyles.None, CultureInfo.InvariantCulture, out uint gid))
        {
            return gid;
        }

        string[] entry = groups.FirstOrDefault(g => g[0] == group) ?? throw new InvalidArgumentException(
            $"group {group} is not in the image's /etc/group{(noFiles ? " (the image's files were not available)" : string.Empty)}; use a name it has or a numeric gid");
        return ParseId(entry[2], "gid", group);
    }

    // Lines of a colon-separated file with at least four fields; comments and short lines are skipped, as libc does.
    private static List<string[]> ReadEntries(string? rootfs, string relative)
    {
        string? path = rootfs is null ? null : Path.Combine(rootfs, relative);
        if (path is null || !File.Exists(path))
        {
            return [];
        }

        return [.. File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(':')).Where(f => f.Length >= 4)];
    }

    private static bool IdEquals(string text, uint id) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint parsed) && parsed == id;

    private static uint ParseId(string text, string what, string name) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint id)
            ? id : throw new InvalidArgumentException($"the image's entry for {name} has a {what} '{text}' that is not a number; fix the image's files");
}
