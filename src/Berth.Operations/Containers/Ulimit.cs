using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>--ulimit name=soft[:hard]</c>, read as docker's CLI reads it (the hard limit is the soft one when left out; -1 is
/// unlimited), with its refusals in its words.
/// </summary>
public sealed record Ulimit(string Name, long Soft, long Hard)
{
    private static readonly HashSet<string> Names =
    [
        "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime",
        "sigpending", "stack",
    ];

    /// <summary>Reads one flag value.</summary>
    public static Ulimit Parse(string text)
    {
        string[] nameAndLimits = text.Split('=', 2);
        if (nameAndLimits.Length != 2)
        {
            throw new InvalidArgumentException($"invalid ulimit argument: {text}");
        }

        string name = nameAndLimits[0];
        if (!Names.Contains(name))
        {
            throw new InvalidArgumentException($"invalid ulimit type: {name}");
        }

        string[] limits = nameAndLimits[1].Split(':');
        if (limits.Length > 2)
        {
            throw new InvalidArgumentException($"too many limit value arguments - {nameAndLimits[1]}, can only have up to two, `soft[:hard]`");
        }

        long soft = Number(limits[0]);
        long hard = limits.Length == 2 ? Number(limits[1]) : soft;
        // -1 is unlimited: above any hard limit, and below an unlimited one.
        if (hard != -1 && (soft == -1 || soft > hard))
        {
            throw new InvalidArgumentException(soft == -1
                ? $"ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: {hard}"
                : $"ulimit soft limit must be less than or equal to hard limit: {soft} > {hard}");
        }

        return new Ulimit(name, soft, hard);
    }

    /// <summary>The flag's form, <c>nofile=1024:2048</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={Soft}:{Hard}");

    // Go's strconv.ParseInt, whose complaint docker passes on.
    private static long Number(string text)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new InvalidArgumentException($"strconv.ParseInt: parsing \"{text}\": invalid syntax");
}
