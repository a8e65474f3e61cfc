using System.Globalization;
using System.Text;

namespace Berth.Operations.Containers;

/// <summary>Text as Go's strconv and docker's formatter write it, for output compared with docker's.</summary>
internal static class GoText
{
    /// <summary>Go's strconv.Quote: a double-quoted literal with Go's escapes; printable Unicode is kept as is.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\a': quoted.Append("\\a"); break;
                case '\b': quoted.Append("\\b"); break;
                case '\f': quoted.Append("\\f"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\v': quoted.Append("\\v"); break;
                case < 0x20 or 0x7f: quoted.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"); break;
                default:
                    if (Printable(rune))
                    {
                        quoted.Append(rune.ToString());
                    }
                    else
                    {
                        quoted.Append(rune.Value > 0xffff
                            ? string.Create(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}")
                            : string.Create(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}"));
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>
    /// docker's formatter.Ellipsis: at most <paramref name="width"/> columns, cut with "…" (East Asian wide
    /// characters count two).
    /// </summary>
    public static string Ellipsis(string text, int width)
    {
        if (width <= 0)
        {
            return string.Empty;
        }

        var runes = text.EnumerateRunes().ToList();
        if (width == 1)
        {
            return runes.Count == 0 ? string.Empty : runes[0].ToString();
        }

        if (runes.Sum(Columns) <= width)
        {
            return text;
        }

        var kept = new StringBuilder();
        int used = 0;
        foreach (var rune in runes)
        {
            if (used + Columns(rune) > width - 1)
            {
                break;
            }

            used += Columns(rune);
            kept.Append(rune.ToString());
        }

        return kept.Append('…').ToString();
    }

    private static bool Printable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };

    // The East Asian wide and full-width blocks that take two columns in a terminal.
    private static int Columns(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115f or >= 0x2e80 and <= 0x303e or >= 0x3041 and <= 0x33ff or >= 0x3400 and <= 0x4dbf
            or >= 0x4e00 and <= 0x9fff or >= 0xa000 and <= 0xa4cf or >= 0xac00 and <= 0xd7a3 or >= 0xf900 and <= 0xfaff
            or >= 0xfe30 and <= 0xfe4f or >= 0xff00 and <= 0xff60 or >= 0xffe0 and <= 0xffe6 or >= 0x1f300 and <= 0x1f64f
            or >= 0x20000 and <= 0x3fffd => 2,
        _ => 1,
    };
}
