using System.Globalization;

namespace Berth.Core.Logs;

/// <summary>Go's RFC 3339 with nanoseconds, as docker stamps log entries: UTC, trailing zeros of the fraction dropped.</summary>
internal static class JsonLogTime
{
    public static string Format(DateTimeOffset time)
    {
        string text = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    /// <summary>Reads such a time; digits past the seventh of the fraction (below .NET's 100 ns) are dropped.</summary>
    public static DateTimeOffset Parse(string text)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            int end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = text[..(dot + 8)] + text[end..];
            }
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
