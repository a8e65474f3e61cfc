using System.Text.RegularExpressions;

namespace Berth.Integration.Tests.Oracle;

/// <summary>
/// Replaces what must differ between two daemons, and nothing else: container ids, times and durations, the
/// program's name, each side's own folders. Image ids and digests are kept, since both sides pull the same image.
/// </summary>
internal static partial class SessionNormaliser
{
    /// <summary>The placeholders, for the table's legend.</summary>
    public const string Legend = "<id>/<short-id> container ids; <time> an RFC 3339 time with a fraction; <RFC3339Nano> docker logs' "
        + "fixed nine-digit stamp at a line's start; <duration> docker's human duration; <mtime> ls -l's date; <pid> a host pid; "
        + "<cli> docker or berth; <root> the daemon's data root; <hostdir> the side's bind folder; IMG the image's reference";

    public static string Normalise(string text, SessionSide side)
    {
        // The side's own paths first: they contain nothing the patterns below should see. The image's reference is the
        // same on both sides; it is written as the script names it only to keep the registry's port out of the table.
        text = text.Replace(side.DataRoot, "<root>", StringComparison.Ordinal).Replace(side.HostDir, "<hostdir>", StringComparison.Ordinal)
            .Replace(side.Image, SessionStep.Image, StringComparison.Ordinal);
        text = CliPrefix().Replace(text, "<cli>: ");
        text = CliHint().Replace(text, "'<cli> ");
        text = CliUsage().Replace(text, "Usage:  <cli> ");
        text = LongId().Replace(text, "<id>");
        text = ShortId().Replace(text, "<short-id>");
        // docker logs -t writes nine digits always; anything else stays and shows as a difference.
        text = LogStamp().Replace(text, "<RFC3339Nano>");
        text = Time().Replace(text, "<time>");
        text = Duration().Replace(text, "<duration>");
        return ListingTime().Replace(text, "<mtime>");
    }

    [GeneratedRegex(@"^(?:docker|berth): ")]
    private static partial Regex CliPrefix();

    [GeneratedRegex(@"'(?:docker|berth) ")]
    private static partial Regex CliHint();

    [GeneratedRegex(@"^Usage:  (?:docker|berth) ")]
    private static partial Regex CliUsage();

    // A container's id, not an image's (those follow "sha256:" and are the same on both sides).
    [GeneratedRegex(@"(?<!sha256:)(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")]
    private static partial Regex LongId();

    [GeneratedRegex(@"(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])")]
    private static partial Regex ShortId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z(?= )")]
    private static partial Regex LogStamp();

    // Go's RFC3339Nano drops trailing zeros, so the fraction's length varies; the zero time (no fraction) is kept.
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,9}(?:Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Time();

    [GeneratedRegex(@"\b(?:Less than a second|About a minute|About an hour|\d+ (?:second|minute|hour|day|week|month|year)s?)\b")]
    private static partial Regex Duration();

    [GeneratedRegex(@"\b[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}\b")]
    private static partial Regex ListingTime();
}
