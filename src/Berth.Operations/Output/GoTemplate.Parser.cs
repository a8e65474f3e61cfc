using System.Globalization;
using System.Text;

namespace Berth.Operations.Output;

internal sealed partial class GoTemplate
{
    /// <summary>Splits text from actions and reads each action's pipeline of commands.</summary>
    private sealed class Parser(string text)
    {
        private int _pos;

        public List<Node> ParseAll()
        {
            var nodes = new List<Node>();
            while (_pos < text.Length)
            {
                int open = text.IndexOf("{{", _pos, StringComparison.Ordinal);
                string literal = open < 0 ? text[_pos..] : text[_pos..open];
                bool trimBefore = open >= 0 && open + 2 < text.Length && text[open + 2] == '-' && open + 3 < text.Length && char.IsWhiteSpace(text[open + 3]);
                if (trimBefore)
                {
                    literal = literal.TrimEnd();
                }

                if (literal.Length > 0)
                {
                    nodes.Add(new TextNode(literal));
                }

                if (open < 0)
                {
                    break;
                }

                int close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw Error("unclosed action");
                }

                string body = text[(open + 2)..close];
                bool trimAfter = body.Length >= 2 && body[^1] == '-' && char.IsWhiteSpace(body[^2]);
                body = body[(trimBefore ? 1 : 0)..(trimAfter ? body.Length - 1 : body.Length)];
                nodes.Add(ParseAction(body, open + 2 + (trimBefore ? 1 : 0)));
                _pos = close + 2;
                if (trimAfter)
                {
                    while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
                    {
                        _pos++;
                    }
                }
            }

            return nodes;
        }

        private static ActionNode ParseAction(string body, int offset)
        {
            var commands = new List<Command>();
            foreach (string part in body.Split('|'))
            {
                var tokens = Tokenize(part, offset);
                if (tokens.Count == 0)
                {
                    throw Error(body.Trim().Length == 0 ? "missing value for command" : "missing value for command in pipeline");
                }

                if (tokens[0] is LiteralOperand { Value: Identifier name })
                {
                    if (!Functions.Contains(name.Text))
                    {
                        throw Error($"function \"{name.Text}\" not defined");
                    }

                    commands.Add(new Command(name.Text, tokens.Skip(1).Select(Check).ToList()));
                }
                else
                {
                    commands.Add(new Command(null, [.. tokens.Select(Check)]));
                }

                offset += part.Length + 1;
            }

            return new ActionNode(commands, offset);
        }

        private static Operand Check(Operand operand) => operand is LiteralOperand { Value: Identifier name }
            ? throw Error($"function \"{name.Text}\" not defined") : operand;

        private static List<Operand> Tokenize(string part, int offset)
        {
            var tokens = new List<Operand>();
            for (int i = 0; i < part.Length;)
            {
                char c = part[i];
                int start = i;
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                if (c == '"')
                {
                    var value = new StringBuilder();
                    for (i++; i < part.Length && part[i] != '"'; i++)
                    {
                        value.Append(part[i] == '\\' && i + 1 < part.Length ? Unescape(part[++i]) : part[i]);
                    }

                    tokens.Add(i < part.Length ? new LiteralOperand(value.ToString()) : throw Error("unterminated quoted string"));
                    i++;
                    continue;
                }

                while (i < part.Length && !char.IsWhiteSpace(part[i]))
                {
                    i++;
                }

                tokens.Add(Word(part[start..i], offset + start + 1));
            }

            return tokens;
        }

        private static Operand Word(string word, int position)
        {
            if (word == ".")
            {
                return new FieldOperand(null, position);
            }

            if (word[0] == '.')
            {
                string name = word[1..];
                return name.Length > 0 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') && !char.IsAsciiDigit(name[0])
                    ? new FieldOperand(name, position)
                    : throw Error($"bad field {word}: berth's templates read one level of fields, such as .Repository");
            }

            if (int.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
            {
                return new LiteralOperand(number);
            }

            return word.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_')
                ? new LiteralOperand(new Identifier(word))
                : throw Error($"unexpected \"{word}\" in operand");
        }

        private static char Unescape(char c) => c switch { 'n' => '\n', 't' => '\t', _ => c };

        private static ClientException Error(string message) => new($"template parsing error: template: :1: {message}");
    }

    /// <summary>A bare word in an action: a function's name.</summary>
    private sealed record Identifier(string Text);
}
