using System.Text;

namespace Berth.Operations.Containers;

internal sealed partial class InspectTemplate
{
    private enum TokenKind { Field, Variable, String, Number, Identifier, Pipe, Open, Close, Declare, Comma }

    /// <summary>A word of an action, at its offset in the template (which Go's errors give).</summary>
    private sealed record Token(TokenKind Kind, string Text, int Position);

    private static class Lexer
    {
        public static List<Token> Tokenize(string body, int offset)
        {
            var tokens = new List<Token>();
            for (int i = 0; i < body.Length;)
            {
                char c = body[i];
                int start = i;
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                TokenKind? single = c switch { '|' => TokenKind.Pipe, '(' => TokenKind.Open, ')' => TokenKind.Close, ',' => TokenKind.Comma, _ => null };
                if (single is { } kind)
                {
                    tokens.Add(new Token(kind, c.ToString(), offset + i++));
                }
                else if (c == ':' && i + 1 < body.Length && body[i + 1] == '=')
                {
                    tokens.Add(new Token(TokenKind.Declare, ":=", offset + i));
                    i += 2;
                }
                else if (c is '"' or '`')
                {
                    tokens.Add(new Token(TokenKind.String, Quoted(body, ref i), offset + start));
                }
                else
                {
                    while (i < body.Length && !char.IsWhiteSpace(body[i]) && body[i] is not ('|' or '(' or ')' or ',' or '"'))
                    {
                        i++;
                    }

                    string word = body[start..i];
                    tokens.Add(new Token(Kind(word, offset + start), word, offset + start));
                }
            }

            return tokens;
        }

        private static TokenKind Kind(string word, int position) => word[0] switch
        {
            '.' => TokenKind.Field,
            '$' => TokenKind.Variable,
            '-' or '+' or (>= '0' and <= '9') => TokenKind.Number,
            _ when word.All(ch => char.IsLetterOrDigit(ch) || ch == '_') => TokenKind.Identifier,
            _ => throw Error($"unexpected \"{word}\" in command (at {position})"),
        };

        // "…" with Go's escapes, or `…` raw.
        private static string Quoted(string body, ref int i)
        {
            char quote = body[i++];
            var value = new StringBuilder();
            while (i < body.Length && body[i] != quote)
            {
                if (quote == '"' && body[i] == '\\' && i + 1 < body.Length)
                {
                    i++;
                    value.Append(body[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var other => other });
                }
                else
                {
                    value.Append(body[i]);
                }

                i++;
            }

            if (i >= body.Length)
            {
                throw Error("unterminated quoted string");
            }

            i++;
            return value.ToString();
        }
    }
}
