using System.Globalization;

namespace Berth.Storage.Metadata;

/// <summary>RFC 3339 times, as Go's time.RFC3339 reads them (<c>2006-01-02T15:04:05Z07:00</c>, fractions allowed).</summary>
internal static class Rfc3339
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParse(string text, out DateTimeOffset time)
        => DateTimeOffset.TryParseExact(TrimFraction(text), Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out time);

    public static string Format(DateTimeOffset time)
        => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Go writes up to nanoseconds (RFC3339Nano); .NET reads at most 100 ns ticks, 7 digits.
    private static string TrimFraction(string text)
    {
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        int end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
