using System.Globalization;

namespace Berth.Operations.Containers;

/// <summary>Go's time.ParseDuration: a sign, then numbers (with fractions) each with a unit, ns to h: <c>1h30m</c>, <c>1.5s</c>, <c>-10m</c>.</summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("μs", 10), ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    /// <summary>Whether <paramref name="text"/> is a Go duration; "0" is one, but a bare number otherwise is not.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        string rest = text;
        bool negative = rest.StartsWith('-');
        if (negative || rest.StartsWith('+'))
        {
            rest = rest[1..];
        }

        if (rest == "0")
        {
            return true;
        }

        if (rest.Length == 0)
        {
            return false;
        }

        double ticks = 0;
        while (rest.Length > 0)
        {
            int numberEnd = 0;
            while (numberEnd < rest.Length && (char.IsAsciiDigit(rest[numberEnd]) || rest[numberEnd] == '.'))
            {
                numberEnd++;
            }

            if (numberEnd == 0 || !double.TryParse(rest[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                return false;
            }

            rest = rest[numberEnd..];
            // The longest unit that matches: "ms" before "m".
            var unit = Units.Where(u => rest.StartsWith(u.Unit, StringComparison.Ordinal)).OrderByDescending(u => u.Unit.Length).FirstOrDefault();
            if (unit.Unit is null)
            {
                return false;
            }

            ticks += number * unit.Ticks;
            rest = rest[unit.Unit.Length..];
        }

        duration = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }
}
