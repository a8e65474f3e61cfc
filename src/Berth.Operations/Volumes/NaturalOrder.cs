namespace Berth.Operations.Volumes;

/// <summary>
/// The order docker's CLI lists volumes in ("natural" order): runs of digits compare by their value (vol2 before
/// vol10), digits before other characters, other characters byte by byte; of two equal numbers, the one with fewer
/// leading zeros first.
/// </summary>
internal sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        x ??= string.Empty;
        y ??= string.Empty;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            bool digitX = char.IsAsciiDigit(x[i]), digitY = char.IsAsciiDigit(y[j]);
            if (digitX != digitY)
            {
                return digitX ? -1 : 1;
            }

            if (!digitX)
            {
                if (x[i] != y[j])
                {
                    return x[i].CompareTo(y[j]);
                }

                i++;
                j++;
                continue;
            }

            int order = CompareNumbers(x, ref i, y, ref j);
            if (order != 0)
            {
                return order;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    // Compares the digit runs at i and j and moves both past them.
    private static int CompareNumbers(string x, ref int i, string y, ref int j)
    {
        int zerosX = Skip(x, ref i, c => c == '0'), zerosY = Skip(y, ref j, c => c == '0');
        int startX = i, startY = j;
        int lengthX = Skip(x, ref i, char.IsAsciiDigit), lengthY = Skip(y, ref j, char.IsAsciiDigit);
        if (lengthX != lengthY)
        {
            return lengthX.CompareTo(lengthY);
        }

        int digits = string.CompareOrdinal(x, startX, y, startY, lengthX);
        return digits != 0 ? Math.Sign(digits) : zerosX.CompareTo(zerosY);
    }

    private static int Skip(string text, ref int index, Func<char, bool> test)
    {
        int start = index;
        while (index < text.Length && test(text[index]))
        {
            index++;
        }

        return index - start;
    }
}
