using System.Globalization;

namespace Berth.Operations.Output;

/// <summary>Sizes, durations and numbers written as docker writes them (docker/go-units and Go's fmt).</summary>
internal static class HumanUnits
{
    private static readonly string[] DecimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    /// <summary>A size in decimal units with <paramref name="precision"/> significant digits: 4.26MB (images), 1.024kB (progress: 4).</summary>
    public static string Size(double bytes, int precision = 3)
    {
        int unit = 0;
        while (bytes >= 1000 && unit < DecimalUnits.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }

        return FormatG(bytes, precision) + DecimalUnits[unit];
    }

    /// <summary>How long ago, roughly: "Less than a second", "About a minute", "3 weeks", "2 years".</summary>
    public static string Duration(TimeSpan elapsed)
    {
        int seconds = (int)elapsed.TotalSeconds;
        int minutes = (int)elapsed.TotalMinutes;
        int hours = (int)(elapsed.TotalHours + 0.5);
        return seconds switch
        {
            < 1 => "Less than a second",
            1 => "1 second",
            < 60 => $"{seconds} seconds",
            _ when minutes == 1 => "About a minute",
            _ when minutes < 60 => $"{minutes} minutes",
            _ when hours == 1 => "About an hour",
            _ when hours < 48 => $"{hours} hours",
            _ when hours < 24 * 7 * 2 => $"{hours / 24} days",
            _ when hours < 24 * 30 * 2 => $"{hours / 24 / 7} weeks",
            _ when hours < 24 * 365 * 2 => $"{hours / 24 / 30} months",
            _ => $"{(int)elapsed.TotalHours / 24 / 365} years",
        };
    }

    /// <summary>A whole-second duration as Go's time.Duration prints it: 0s, 45s, 2m5s, 1h0m3s.</summary>
    public static string GoDuration(TimeSpan duration)
    {
        long total = (long)duration.TotalSeconds;
        if (total < 60)
        {
            return $"{total}s";
        }

        return total < 3600 ? $"{total / 60}m{total % 60}s" : $"{total / 3600}h{total / 60 % 60}m{total % 60}s";
    }

    /// <summary>Go's %.<paramref name="precision"/>g: significant digits, no trailing zeros, exponent form for large or tiny values.</summary>
    public static string FormatG(double value, int precision)
    {
        if (value == 0)
        {
            return "0";
        }

        string scientific = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int e = scientific.IndexOf('E', StringComparison.Ordinal);
        int exponent = int.Parse(scientific.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            string mantissa = TrimZeros(scientific[..e]);
            return $"{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
        }

        return TrimZeros(value.ToString("F" + (precision - 1 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    private static string TrimZeros(string number)
        => number.Contains('.', StringComparison.Ordinal) ? number.TrimEnd('0').TrimEnd('.') : number;
}
