using Berth.Operations.Output;

namespace Berth.Operations.Containers;

internal sealed partial class InspectTemplate
{
    /// <summary>Splits text from actions, and nests the blocks that if, range and with open and end closes.</summary>
    private sealed class Parser(string text)
    {
        private sealed class Frame(string keyword, Pipeline pipeline, List<Node> parent, bool elseIf)
        {
            public string Keyword => keyword;
            public Pipeline Pipeline => pipeline;
            public List<Node> Parent => parent;
            public bool ElseIf => elseIf;
            public List<Node> Body { get; } = [];
            public List<Node>? Else { get; set; }
        }

        private readonly Stack<Frame> _open = new();

        public List<Node> ParseAll()
        {
            var root = new List<Node>();
            var current = root;
            int pos = 0;
            while (pos < text.Length)
            {
                int start = text.IndexOf("{{", pos, StringComparison.Ordinal);
                bool trimBefore = start >= 0 && start + 3 < text.Length && text[start + 2] == '-' && char.IsWhiteSpace(text[start + 3]);
                string literal = start < 0 ? text[pos..] : text[pos..start];
                current.Add(new TextNode(trimBefore ? literal.TrimEnd() : literal));
                if (start < 0)
                {
                    break;
                }

                int end = text.IndexOf("}}", start + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("unclosed action");
                }

                bool trimAfter = end - 2 > start + 2 && text[end - 1] == '-' && char.IsWhiteSpace(text[end - 2]);
                int bodyStart = start + 2 + (trimBefore ? 1 : 0);
                var tokens = Lexer.Tokenize(text[bodyStart..(trimAfter ? end - 1 : end)], bodyStart);
                current = Action(tokens, current);
                pos = end + 2;
                while (trimAfter && pos < text.Length && char.IsWhiteSpace(text[pos]))
                {
                    pos++;
                }
            }

            return _open.Count == 0 ? root : throw Error($"unexpected EOF: {{{{{_open.Peek().Keyword}}}}} has no {{{{end}}}}");
        }

        // Adds what an action means to the tree; returns the list the next nodes go into.
        private List<Node> Action(List<Token> tokens, List<Node> current)
        {
            string keyword = tokens.Count > 0 && tokens[0].Kind == TokenKind.Identifier ? tokens[0].Text : string.Empty;
            switch (keyword)
            {
                case "if" or "range" or "with":
                    var frame = new Frame(keyword, Pipelines.Parse(tokens[1..], tokens[0].Position), current, elseIf: false);
                    _open.Push(frame);
                    return frame.Body;
                case "else":
                    var open = _open.Count > 0 && _open.Peek().Else is null ? _open.Peek() : throw Error("unexpected {{else}}");
                    open.Else = [];
                    if (tokens.Count > 1 && tokens[1].Text is "if" or "with")
                    {
                        // {{else if x}} is an if inside the else, which the one {{end}} closes with its parent.
                        var chained = new Frame(tokens[1].Text, Pipelines.Parse(tokens[2..], tokens[1].Position), open.Else, elseIf: true);
                        _open.Push(chained);
                        return chained.Body;
                    }

                    return open.Else;
                case "end":
                    if (_open.Count == 0)
                    {
                        throw Error("unexpected {{end}}");
                    }

                    Frame closed;
                    do
                    {
                        closed = _open.Pop();
                        closed.Parent.Add(new BlockNode(closed.Keyword, closed.Pipeline, closed.Body, closed.Else ?? []));
                    }
                    while (closed.ElseIf);

                    return closed.Parent;
                default:
                    current.Add(new ActionNode(Pipelines.Parse(tokens, tokens.Count > 0 ? tokens[0].Position : 0)));
                    return current;
            }
        }
    }

    private static ClientException Error(string message) => new($"template parsing error: template: :1: {message}");
}
