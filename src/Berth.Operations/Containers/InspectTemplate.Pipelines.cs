namespace Berth.Operations.Containers;

internal sealed partial class InspectTemplate
{
    /// <summary>Reads an action's words: <c>$x :=</c> declarations, then commands split by pipes, parentheses nested.</summary>
    private static class Pipelines
    {
        public static Pipeline Parse(List<Token> tokens, int position)
        {
            var variables = new List<string>();
            int declare = tokens.FindIndex(t => t.Kind == TokenKind.Declare);
            if (declare > 0 && tokens.Take(declare).All(t => t.Kind is TokenKind.Variable or TokenKind.Comma))
            {
                variables.AddRange(tokens.Take(declare).Where(t => t.Kind == TokenKind.Variable).Select(t => t.Text));
                tokens = tokens[(declare + 1)..];
            }

            if (tokens.Count == 0)
            {
                throw Error("missing value for command");
            }

            var commands = new List<Command>();
            var operands = new List<Operand>();
            for (int i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                switch (token.Kind)
                {
                    case TokenKind.Pipe:
                        commands.Add(operands.Count > 0 ? new Command(operands) : throw Error("missing value for command in pipeline"));
                        operands = [];
                        break;
                    case TokenKind.Open:
                        int close = Matching(tokens, i);
                        operands.Add(new NestedOperand(Parse(tokens[(i + 1)..close], token.Position), token.Position, "(…)"));
                        i = close;
                        break;
                    case TokenKind.Close or TokenKind.Comma or TokenKind.Declare:
                        throw Error($"unexpected \"{token.Text}\" in command");
                    default:
                        operands.Add(Operand(token));
                        break;
                }
            }

            commands.Add(operands.Count > 0 ? new Command(operands) : throw Error("missing value for command in pipeline"));
            return new Pipeline(variables, commands);
        }

        private static int Matching(List<Token> tokens, int open)
        {
            int depth = 0;
            for (int i = open; i < tokens.Count; i++)
            {
                depth += tokens[i].Kind switch { TokenKind.Open => 1, TokenKind.Close => -1, _ => 0 };
                if (depth == 0)
                {
                    return i;
                }
            }

            throw Error("unclosed left paren");
        }

        private static Operand Operand(Token token)
        {
            switch (token.Kind)
            {
                case TokenKind.String:
                    return new LiteralOperand(token.Text, token.Position, token.Text);
                case TokenKind.Number:
                    return decimal.TryParse(token.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                        ? new LiteralOperand(new GoNumber(token.Text.TrimStart('+')), token.Position, token.Text)
                        : throw Error($"bad number syntax: \"{token.Text}\"");
                case TokenKind.Identifier:
                    return token.Text switch
                    {
                        "true" => new LiteralOperand(true, token.Position, token.Text),
                        "false" => new LiteralOperand(false, token.Position, token.Text),
                        "nil" => new LiteralOperand(null, token.Position, token.Text),
                        _ when Functions.Known(token.Text) => new FunctionOperand(token.Text, token.Position),
                        _ => throw Error($"function \"{token.Text}\" not defined"),
                    };
                default:
                    // .A.B or $x.A.B; Go reports a failed field at its last element.
                    string[] parts = token.Text.Split('.');
                    string? variable = token.Kind == TokenKind.Variable ? parts[0] : null;
                    var fields = parts.Skip(1).Where(p => p.Length > 0).ToList();
                    if (fields.Any(f => !f.All(ch => char.IsLetterOrDigit(ch) || ch == '_')))
                    {
                        throw Error($"bad character in field {token.Text}");
                    }

                    int last = token.Position + (fields.Count > 1 ? token.Text.LastIndexOf('.') : 0);
                    return new FieldOperand(variable, fields, last, token.Text);
            }
        }
    }
}
