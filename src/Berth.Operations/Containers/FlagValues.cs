using System.Globalization;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// Reads flag values as docker's CLI reads them (Go's strconv and docker's own value types), refusing with its words:
/// <c>invalid argument "abc" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "abc": invalid syntax</c>.
/// </summary>
internal static class FlagValues
{
    /// <summary>A refusal of a flag's value, as a usage error (exit 125).</summary>
    public static ClientException Invalid(string value, string flag, string reason)
        => new($"invalid argument \"{value}\" for \"{flag}\" flag: {reason}", 125);

    /// <summary>Go's strconv.ParseInt of a 64-bit value.</summary>
    public static long? Int64(string? text, string flag)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }

        throw Invalid(text, flag, $"strconv.ParseInt: parsing {GoText.Quote(text)}: {Why(text)}");
    }

    /// <summary>Go's strconv.ParseInt of an int (64 bits on the platforms berth runs on), kept as an int.</summary>
    public static int? Int32(string? text, string flag)
    {
        long? value = Int64(text, flag);
        return value is null ? null
            : value is >= int.MinValue and <= int.MaxValue ? (int)value.Value
            : throw Invalid(text!, flag, $"strconv.ParseInt: parsing {GoText.Quote(text!)}: value out of range");
    }

    /// <summary>Go's strconv.ParseUint of a value of <paramref name="bits"/> bits.</summary>
    public static ulong? UInt(string? text, string flag, int bits)
    {
        if (text is null)
        {
            return null;
        }

        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) && (bits == 64 || value < 1UL << bits))
        {
            return value;
        }

        bool digits = text.Length > 0 && text.All(char.IsAsciiDigit);
        throw Invalid(text, flag, $"strconv.ParseUint: parsing {GoText.Quote(text)}: {(digits ? "value out of range" : "invalid syntax")}");
    }

    /// <summary>A size such as 64m (docker's MemBytes); InvalidArgument words from <see cref="Core.Units.ByteSize"/>.</summary>
    public static long? Bytes(string? text, string flag)
    {
        try
        {
            return text is null ? null : Core.Units.ByteSize.Parse(text);
        }
        catch (InvalidArgumentException ex)
        {
            throw Invalid(text!, flag, ex.Message);
        }
    }

    /// <summary>KEY=VALUE pairs into a map (a bare KEY maps to an empty value, as docker's ConvertKVStringsToMap).</summary>
    public static Dictionary<string, string> Map(IEnumerable<string> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            map[eq < 0 ? pair : pair[..eq]] = eq < 0 ? string.Empty : pair[(eq + 1)..];
        }

        return map;
    }

    private static string Why(string text)
    {
        string digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
    }
}
