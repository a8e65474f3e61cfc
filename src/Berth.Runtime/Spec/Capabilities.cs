using Berth.Core.Errors;

namespace Berth.Runtime.Spec;

/// <summary>Linux capability names, docker's default set, and docker's rules for <c>--cap-add</c> and <c>--cap-drop</c>.</summary>
public static class Capabilities
{
    /// <summary>Every capability the kernel knows, at the index of its bit (capabilities(7)).</summary>
    public static IReadOnlyList<string> All => AllNames;

    private static readonly string[] AllNames =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
        "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
        "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL",
        "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
        "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>Docker's default set: the 14 capabilities a container gets unless told otherwise.</summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>The capability's bit in /proc/*/status masks, or -1.</summary>
    public static int Bit(string name) => Array.IndexOf(AllNames, name);

    /// <summary>A mask of /proc/*/status (CapEff…) for the given names.</summary>
    public static ulong Mask(IEnumerable<string> names) => names.Aggregate(0UL, (mask, name) => mask | (1UL << Bit(name)));

    /// <summary>
    /// The capabilities a container gets, as docker computes them: with <c>ALL</c> among the additions, everything the
    /// host has but the drops; with <c>ALL</c> among the drops, only the additions; else the defaults less the drops
    /// plus the additions. Names may be given without <c>CAP_</c> and in any case.
    /// </summary>
    public static IReadOnlyList<string> Apply(
        IReadOnlyList<string> available, IEnumerable<string> capAdd, IEnumerable<string> capDrop)
    {
        var add = Normalize(capAdd, "--cap-add");
        var drop = Normalize(capDrop, "--cap-drop");
        IEnumerable<string> result;
        if (add.Contains("ALL"))
        {
            result = available.Where(c => !drop.Contains(c));
        }
        else if (drop.Contains("ALL"))
        {
            result = add;
        }
        else
        {
            result = Default.Where(c => !drop.Contains(c)).Concat(add);
        }

        var granted = result.Distinct(StringComparer.Ordinal).ToList();
        if (granted.FirstOrDefault(c => !available.Contains(c)) is { } missing)
        {
            throw new InvalidArgumentException(
                $"capability {missing} cannot be given to a container: this process (berthd) does not hold it; drop it from --cap-add");
        }

        return granted;
    }

    private static List<string> Normalize(IEnumerable<string> names, string flag)
    {
        var list = new List<string>();
        foreach (string raw in names)
        {
            string name = raw.Trim().ToUpperInvariant();
            if (name == "ALL")
            {
                list.Add(name);
                continue;
            }

            name = name.StartsWith("CAP_", StringComparison.Ordinal) ? name : "CAP_" + name;
            if (Bit(name) < 0)
            {
                throw new InvalidArgumentException($"{flag} {raw}: unknown capability; use a name of capabilities(7) such as NET_ADMIN");
            }

            list.Add(name);
        }

        return list;
    }
}
