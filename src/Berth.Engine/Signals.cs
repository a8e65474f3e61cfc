using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Engine;

/// <summary>Signals by docker's names (<c>KILL</c>, <c>SIGKILL</c>) or numbers, as Linux numbers them.</summary>
internal static class Signals
{
    public const uint Kill = 9;

    private static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    public static uint Parse(string text)
    {
        if (uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out uint number) && number is > 0 and <= 64)
        {
            return number;
        }

        string name = text.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
        int index = Array.IndexOf(Names, name);
        if (index > 0)
        {
            return (uint)index;
        }

        if (name.StartsWith("RTMIN", StringComparison.Ordinal) || name.StartsWith("RTMAX", StringComparison.Ordinal))
        {
            int offset = name.Length > 5 && int.TryParse(name[5..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int o) ? o : 0;
            uint signal = (uint)((name.StartsWith("RTMIN", StringComparison.Ordinal) ? 34 : 64) + offset);
            if (signal is >= 34 and <= 64)
            {
                return signal;
            }
        }

        throw new InvalidArgumentException($"Invalid signal: {text}");
    }
}
