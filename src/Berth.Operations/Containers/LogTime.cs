using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>docker logs --since/--until</c>: a Go duration before now (<c>10m</c>, <c>1h30m</c>), an RFC 3339 time or a
/// part of one (<c>2024-01-02</c>, <c>2024-01-02T15:04</c>; the local zone when none is given), or Unix seconds
/// with an optional fraction (<c>1700000000.5</c>), read in that order, as docker's CLI reads them.
/// </summary>
internal static partial class LogTime
{
    /// <summary>The time the value names; a <see cref="ClientException"/> in docker's words for <paramref name="flag"/> otherwise.</summary>
    public static DateTimeOffset Parse(string value, string flag, DateTimeOffset now)
    {
        if (value != "0" && GoDuration.TryParse(value, out var duration))
        {
            return now - duration;
        }

        if (Rfc3339().Match(value) is { Success: true } m)
        {
            return FromParts(m, value, flag, now);
        }

        if (value.Contains('-', StringComparison.Ordinal))
        {
            throw Invalid(flag, $"parsing time {GoText.Quote(value)}: cannot parse it as an RFC 3339 time");
        }

        if (UnixSeconds().Match(value) is { Success: true } unix
            && long.TryParse(unix.Groups["s"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds))
        {
            string fraction = unix.Groups["f"].Value.PadRight(9, '0')[..9];
            long nanos = long.Parse(fraction, CultureInfo.InvariantCulture);
            return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        }

        throw Invalid(flag, $"failed to parse value as time or duration: {GoText.Quote(value)}");
    }

    private static DateTimeOffset FromParts(Match m, string value, string flag, DateTimeOffset now)
    {
        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        string zone = m.Groups["zone"].Value;
        try
        {
            // No zone: the local one, as docker's CLI reads it in the zone of its clock.
            var offset = zone.Length == 0 ? TimeZoneInfo.Local.GetUtcOffset(now)
                : zone is "Z" or "z" ? TimeSpan.Zero
                : TimeSpan.ParseExact(zone[1..], "hh\\:mm", CultureInfo.InvariantCulture) * (zone[0] == '-' ? -1 : 1);
            var time = new DateTimeOffset(Part("y"), Part("mo"), Part("d"), Part("h"), Part("mi"), Part("s"), offset);
            string fraction = m.Groups["f"].Value;
            return fraction.Length == 0 ? time : time.AddTicks(long.Parse(fraction.PadRight(9, '0')[..9], CultureInfo.InvariantCulture) / 100);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Invalid(flag, $"parsing time {GoText.Quote(value)}: a part of it is out of range");
        }
    }

    private static ClientException Invalid(string flag, string message) => new($"invalid value for \"{flag}\": {message}");

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})(?:T(?<h>\d{2})(?::(?<mi>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d{1,9}))?)?)?)?(?<zone>[zZ]|[+-]\d{2}:\d{2})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^(?<s>-?\d+)(?:\.(?<f>\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex UnixSeconds();
}
