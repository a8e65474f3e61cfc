using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Core.Units;

/// <summary>
/// docker's memory sizes (<c>--memory</c>, <c>--shm-size</c>, log <c>max-size</c>): a number, possibly with a fraction,
/// then optionally a space and a binary unit, <c>b</c>, <c>k</c>, <c>m</c>, <c>g</c>, <c>t</c> or <c>p</c>, in either case,
/// which may be followed by <c>b</c> or <c>ib</c>. The refusals say what docker says.
/// </summary>
public static class ByteSize
{
    /// <summary>The size in bytes; InvalidArgument "invalid size: '…'" or "invalid suffix: '…'" otherwise.</summary>
    public static long Parse(string text)
    {
        int numberEnd = text.Length;
        while (numberEnd > 0 && !IsNumberChar(text[numberEnd - 1]))
        {
            numberEnd--;
        }

        if (numberEnd == 0)
        {
            throw new InvalidArgumentException($"invalid size: '{text}'");
        }

        string number = text[..numberEnd].TrimEnd(' ');
        string suffix = text[numberEnd..].ToLowerInvariant();
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out double size)
            || size < 0)
        {
            throw new InvalidArgumentException($"invalid size: '{text}'");
        }

        return suffix.Length == 0 ? (long)size : (long)(size * Multiplier(suffix));
    }

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c is '.' or ' ';

    private static double Multiplier(string suffix)
    {
        int shift = suffix[0] switch { 'b' => 0, 'k' => 10, 'm' => 20, 'g' => 30, 't' => 40, 'p' => 50, _ => -1 };
        bool tailOk = suffix.Length switch
        {
            1 => true,
            2 => shift > 0 && suffix[1] == 'b',
            3 => shift > 0 && suffix[1..] == "ib",
            _ => false,
        };
        return shift < 0 || !tailOk ? throw new InvalidArgumentException($"invalid suffix: '{suffix}'") : Math.Pow(2, shift);
    }
}
