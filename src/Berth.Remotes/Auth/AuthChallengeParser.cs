namespace Berth.Remotes.Auth;

/// <summary>
/// Parses WWW-Authenticate headers (RFC 7235 section 4.1): a header may hold several comma-separated challenges and a
/// response several headers. Only Basic and Bearer are kept, Bearer first, because a token serves every scope.
/// </summary>
internal static class AuthChallengeParser
{
    public static IReadOnlyList<AuthChallenge> Parse(IEnumerable<string> headerValues)
    {
        var challenges = new List<AuthChallenge>();
        foreach (string header in headerValues)
        {
            ParseHeader(header, challenges);
        }

        return [.. challenges.OrderBy(c => c.Scheme == AuthScheme.Bearer ? 0 : 1)];
    }

    private static void ParseHeader(string header, List<AuthChallenge> challenges)
    {
        int pos = 0;
        while (true)
        {
            SkipSeparators(header, ref pos);
            string scheme = ReadToken(header, ref pos);
            if (scheme.Length == 0)
            {
                return;
            }

            var parameters = ReadParameters(header, ref pos);
            if (scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
            {
                challenges.Add(new AuthChallenge(AuthScheme.Bearer, parameters));
            }
            else if (scheme.Equals("basic", StringComparison.OrdinalIgnoreCase))
            {
                challenges.Add(new AuthChallenge(AuthScheme.Basic, parameters));
            }
        }
    }

    // Reads name=value pairs up to the next challenge: a token not followed by '=' starts a new scheme.
    private static Dictionary<string, string> ReadParameters(string header, ref int pos)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            SkipSeparators(header, ref pos);
            int start = pos;
            string name = ReadToken(header, ref pos);
            SkipSpaces(header, ref pos);
            if (name.Length == 0 || pos >= header.Length || header[pos] != '=')
            {
                pos = start;
                return parameters;
            }

            pos++;
            SkipSpaces(header, ref pos);
            parameters[name.ToLowerInvariant()] = pos < header.Length && header[pos] == '"'
                ? ReadQuoted(header, ref pos)
                : ReadToken(header, ref pos);
        }
    }

    private static string ReadQuoted(string header, ref int pos)
    {
        var value = new System.Text.StringBuilder();
        for (pos++; pos < header.Length; pos++)
        {
            char c = header[pos];
            if (c == '"')
            {
                pos++;
                break;
            }

            if (c == '\\' && pos + 1 < header.Length)
            {
                c = header[++pos];
            }

            value.Append(c);
        }

        return value.ToString();
    }

    private static string ReadToken(string header, ref int pos)
    {
        int start = pos;
        while (pos < header.Length && IsTokenChar(header[pos]))
        {
            pos++;
        }

        return header[start..pos];
    }

    // RFC 7230 tchar.
    private static bool IsTokenChar(char c)
        => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static void SkipSpaces(string header, ref int pos)
    {
        while (pos < header.Length && header[pos] is ' ' or '\t')
        {
            pos++;
        }
    }

    private static void SkipSeparators(string header, ref int pos)
    {
        while (pos < header.Length && header[pos] is ' ' or '\t' or ',')
        {
            pos++;
        }
    }
}
