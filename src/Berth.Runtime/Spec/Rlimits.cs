using System.Globalization;
using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Oci.Runtime;

namespace Berth.Runtime.Spec;

/// <summary>Resource limits: docker's defaults, <c>--ulimit</c> values, and the host's hard limits as a ceiling.</summary>
public static class Rlimits
{
    /// <summary>RLIM_INFINITY.</summary>
    public const ulong Unlimited = ulong.MaxValue;

    /// <summary>
    /// The limits a docker container gets on a host where dockerd runs from its classic systemd unit
    /// (LimitNOFILE=1048576, LimitNPROC=infinity, LimitCORE=infinity), which containers inherit.
    /// </summary>
    public static IReadOnlyList<(string Type, ulong Soft, ulong Hard)> DockerDefaults { get; } =
    [
        ("RLIMIT_NOFILE", 1048576, 1048576),
        ("RLIMIT_NPROC", Unlimited, Unlimited),
        ("RLIMIT_CORE", Unlimited, Unlimited),
    ];

    // --ulimit names, as docker (go-units) spells them.
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["as"] = "RLIMIT_AS", ["core"] = "RLIMIT_CORE", ["cpu"] = "RLIMIT_CPU", ["data"] = "RLIMIT_DATA",
        ["fsize"] = "RLIMIT_FSIZE", ["locks"] = "RLIMIT_LOCKS", ["memlock"] = "RLIMIT_MEMLOCK", ["msgqueue"] = "RLIMIT_MSGQUEUE",
        ["nice"] = "RLIMIT_NICE", ["nofile"] = "RLIMIT_NOFILE", ["nproc"] = "RLIMIT_NPROC", ["rss"] = "RLIMIT_RSS",
        ["rtprio"] = "RLIMIT_RTPRIO", ["rttime"] = "RLIMIT_RTTIME", ["sigpending"] = "RLIMIT_SIGPENDING", ["stack"] = "RLIMIT_STACK",
    };

    /// <summary>Reads a <c>--ulimit</c> value: <c>name=soft[:hard]</c>, a value of -1 meaning unlimited.</summary>
    public static Ulimit ParseUlimit(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? text : text[..eq];
        if (eq < 0 || !Names.ContainsKey(name))
        {
            throw new InvalidArgumentException($"--ulimit {text}: expected <name>=<soft>[:<hard>] with a name among {string.Join(", ", Names.Keys)}");
        }

        string[] values = text[(eq + 1)..].Split(':');
        if (values.Length > 2 || !TryParseValue(values[0], out ulong soft) || !TryParseValue(values[^1], out ulong hard))
        {
            throw new InvalidArgumentException($"--ulimit {text}: the values must be numbers (or -1 for unlimited), as <soft>[:<hard>]");
        }

        if (soft > hard)
        {
            throw new InvalidArgumentException($"--ulimit {text}: the soft limit {values[0]} is above the hard limit {values[^1]}");
        }

        return new Ulimit(name, soft, hard);
    }

    /// <summary>The OCI type (<c>RLIMIT_NOFILE</c>) of a <c>--ulimit</c> name (<c>nofile</c>).</summary>
    public static string TypeOf(string name) =>
        Names.TryGetValue(name, out string? type) ? type : throw new InvalidArgumentException($"unknown ulimit {name}; use one of {string.Join(", ", Names.Keys)}");

    /// <summary>
    /// docker's defaults, lowered to the host's hard limits, then the explicit limits, which must fit under them (the
    /// runtime cannot raise a hard limit without CAP_SYS_RESOURCE and would refuse to start).
    /// </summary>
    public static List<PosixRlimit> Build(SpecHost host, IEnumerable<Ulimit> explicitLimits)
    {
        var limits = new List<PosixRlimit>();
        foreach (var (type, soft, hard) in DockerDefaults)
        {
            ulong ceiling = host.Rlimits.TryGetValue(type, out var h) ? h.Hard : hard;
            ulong cappedHard = Math.Min(hard, ceiling);
            limits.Add(new PosixRlimit { Type = type, Soft = Math.Min(soft, cappedHard), Hard = cappedHard });
        }

        foreach (var ulimit in explicitLimits)
        {
            string type = TypeOf(ulimit.Name);
            if (host.Rlimits.TryGetValue(type, out var h) && ulimit.Hard > h.Hard)
            {
                throw new InvalidArgumentException(
                    $"--ulimit {ulimit.Name}: the hard limit {Show(ulimit.Hard)} is above this host's {Show(h.Hard)}, which a container cannot exceed; ask for {Show(h.Hard)} or less");
            }

            limits.RemoveAll(l => l.Type == type);
            limits.Add(new PosixRlimit { Type = type, Soft = ulimit.Soft, Hard = ulimit.Hard });
        }

        return limits;
    }

    private static bool TryParseValue(string text, out ulong value)
    {
        if (text == "-1")
        {
            value = Unlimited;
            return true;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Show(ulong value) => value == Unlimited ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);
}
