using Berth.Core.Errors;

namespace Berth.Operations.Images;

/// <summary>
/// Go's path.Match, which docker's reference filter uses: <c>*</c> is any run of characters but '/', <c>?</c> one such
/// character, <c>[a-z]</c> and <c>[^x]</c> classes, <c>\</c> escapes. The whole name must match.
/// </summary>
internal static class GlobPattern
{
    public static bool Match(string pattern, string name) => Match(pattern.AsSpan(), name.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        while (pattern.Length > 0)
        {
            switch (pattern[0])
            {
                case '*':
                    var rest = pattern[1..];
                    for (int i = 0; i <= name.Length; i++)
                    {
                        if (Match(rest, name[i..]))
                        {
                            return true;
                        }

                        if (i < name.Length && name[i] == '/')
                        {
                            return false;
                        }
                    }

                    return false;
                case '?':
                    if (name.Length == 0 || name[0] == '/')
                    {
                        return false;
                    }

                    break;
                case '[':
                    int close = pattern.IndexOf(']');
                    if (close < 0)
                    {
                        throw new InvalidArgumentException($"syntax error in pattern \"{pattern}\": a [ has no ]");
                    }

                    if (name.Length == 0 || name[0] == '/' || !InClass(pattern[1..close], name[0]))
                    {
                        return false;
                    }

                    pattern = pattern[(close + 1)..];
                    name = name[1..];
                    continue;
                case '\\' when pattern.Length > 1:
                    pattern = pattern[1..];
                    goto default;
                default:
                    if (name.Length == 0 || name[0] != pattern[0])
                    {
                        return false;
                    }

                    break;
            }

            pattern = pattern[1..];
            name = name[1..];
        }

        return name.Length == 0;
    }

    private static bool InClass(ReadOnlySpan<char> set, char c)
    {
        bool negate = set.Length > 0 && set[0] == '^';
        if (negate)
        {
            set = set[1..];
        }

        bool found = false;
        for (int i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                found |= c >= set[i] && c <= set[i + 2];
                i += 2;
            }
            else
            {
                found |= c == set[i];
            }
        }

        return found != negate;
    }
}
