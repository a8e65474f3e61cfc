using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Core.Logs;

/// <summary>
/// docker's json-file log options: <c>max-size</c> (bytes per file before it rotates; unlimited by default) and
/// <c>max-file</c> (how many files are kept, the live one included; 1 by default, and more only with a max-size).
/// </summary>
public sealed record JsonLogOptions(long MaxSize = JsonLogOptions.Unlimited, int MaxFile = 1)
{
    /// <summary>No size limit: the file never rotates.</summary>
    public const long Unlimited = -1;

    /// <summary>Reads <c>--log-opt</c> pairs; InvalidArgument, in docker's words, for what docker refuses.</summary>
    public static JsonLogOptions Parse(IReadOnlyDictionary<string, string> options)
    {
        long maxSize = Unlimited;
        int maxFile = 1;
        foreach (var (key, value) in options)
        {
            switch (key)
            {
                case "max-size":
                    maxSize = ParseSize(value);
                    break;
                case "max-file":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out maxFile) || maxFile < 1)
                    {
                        throw new InvalidArgumentException($"max-file {value} is not a number of at least 1");
                    }

                    break;
                default:
                    throw new InvalidArgumentException($"unknown log opt '{key}' for json-file log driver");
            }
        }

        if (maxFile > 1 && maxSize == Unlimited)
        {
            throw new InvalidArgumentException("max-file cannot be greater than 1 without max-size: set --log-opt max-size too");
        }

        return new JsonLogOptions(maxSize, maxFile);
    }

    // docker's sizes: a number with an optional unit, k, m, g, t or p (binary multiples; a trailing b or ib is allowed).
    private static long ParseSize(string text)
    {
        string lower = text.Trim().ToLowerInvariant();
        int end = 0;
        while (end < lower.Length && (char.IsAsciiDigit(lower[end]) || lower[end] == '.'))
        {
            end++;
        }

        string unit = lower[end..].TrimEnd('b').TrimEnd('i');
        int shift = unit switch { "" => 0, "k" => 10, "m" => 20, "g" => 30, "t" => 40, "p" => 50, _ => -1 };
        if (end == 0 || shift < 0 || !double.TryParse(lower[..end], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            || number <= 0)
        {
            throw new InvalidArgumentException($"invalid max-size {text}: use a size such as 10m, 512k or 1g");
        }

        return (long)(number * (1L << shift));
    }
}
