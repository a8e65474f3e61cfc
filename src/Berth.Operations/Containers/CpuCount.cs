using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>--cpus</c>: a rational number of CPUs (<c>1.5</c>, <c>3/2</c>), kept as docker keeps it, in billionths of a CPU;
/// no more than the machine has, and not negative (dockerd's check and words).
/// </summary>
public static class CpuCount
{
    /// <summary>The value in nano-CPUs; <paramref name="available"/> is the machine's number of CPUs.</summary>
    public static long ParseNanoCpus(string text, int available)
    {
        if (!TryParseRational(text, out decimal cpus))
        {
            throw new InvalidArgumentException($"failed to parse {text} as a rational number");
        }

        long nano = (long)decimal.Round(cpus * 1_000_000_000m);
        return nano >= 0 && nano <= available * 1_000_000_000L
            ? nano
            : throw new InvalidArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Range of CPUs is from 0.01 to {available}.00, as there are only {available} CPUs available"));
    }

    private static bool TryParseRational(string text, out decimal value)
    {
        const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        string[] parts = text.Split('/');
        value = 0;
        if (parts.Length == 2)
        {
            if (!decimal.TryParse(parts[0], Styles, CultureInfo.InvariantCulture, out decimal numerator)
                || !decimal.TryParse(parts[1], Styles, CultureInfo.InvariantCulture, out decimal denominator) || denominator == 0)
            {
                return false;
            }

            value = numerator / denominator;
            return true;
        }

        return parts.Length == 1 && decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out value);
    }
}
