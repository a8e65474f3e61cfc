using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Core.Filters;

/// <summary>
/// Recursive-descent parser for containerd's filter grammar:
/// <code>
/// selectors := selector ("," selector)*
/// selector  := fieldpath (operator value)?
/// fieldpath := field ("." field)*
/// field     := quoted | [A-Za-z0-9_]+
/// operator  := "==" | "!=" | "~="
/// value     := quoted | [^\s,]+          (after ~=, a value may also be quoted with / or |)
/// quoted    := a Go-syntax string literal
/// </code>
/// </summary>
internal sealed class FilterParser(string input)
{
    private int _pos;

    public IReadOnlyList<Filter.Selector> ParseSelectors()
    {
        var selectors = new List<Filter.Selector> { ParseSelector() };
        while (true)
        {
            SkipSpace();
            if (_pos == input.Length)
            {
                return selectors;
            }

            if (input[_pos] != ',')
            {
                throw Error($"unexpected input: {input[_pos]}");
            }

            _pos++;
            selectors.Add(ParseSelector());
        }
    }

    private Filter.Selector ParseSelector()
    {
        var path = new List<string> { ParseField() };
        while (Peek() == '.')
        {
            _pos++;
            path.Add(ParseField());
        }

        char next = Peek();
        if (next is ',' or '\0')
        {
            return new Filter.Selector(path, Filter.Operator.Present, string.Empty, null);
        }

        var op = ParseOperator();
        string value = ParseValue(allowAltQuotes: op == Filter.Operator.Matches);
        Regex? pattern = null;
        if (op == Filter.Operator.Matches)
        {
            try
            {
                pattern = new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw Error($"invalid regular expression {value}: {ex.Message}");
            }
        }

        return new Filter.Selector(path, op, value, pattern);
    }

    private string ParseField()
    {
        char c = Peek();
        if (c == '"')
        {
            return ParseQuoted('"');
        }

        int start = _pos;
        while (_pos < input.Length && (char.IsAsciiLetterOrDigit(input[_pos]) || input[_pos] == '_'))
        {
            _pos++;
        }

        return _pos > start ? input[start.._pos] : throw Error("expected field or quoted");
    }

    private Filter.Operator ParseOperator()
    {
        SkipSpace();
        int start = _pos;
        while (_pos < input.Length && input[_pos] is '=' or '!' or '~')
        {
            _pos++;
        }

        return input[start.._pos] switch
        {
            "==" => Filter.Operator.Equal,
            "!=" => Filter.Operator.NotEqual,
            "~=" => Filter.Operator.Matches,
            "" => throw Error("expected an operator (\"==\"|\"!=\"|\"~=\")"),
            string other => throw Error($"unsupported operator \"{other}\""),
        };
    }

    private string ParseValue(bool allowAltQuotes)
    {
        char c = Peek();
        if (c == '"' || (allowAltQuotes && c is '/' or '|'))
        {
            return ParseQuoted(c);
        }

        int start = _pos;
        while (_pos < input.Length && input[_pos] != ',' && !char.IsWhiteSpace(input[_pos]))
        {
            _pos++;
        }

        return _pos > start ? input[start.._pos] : throw Error("expected value or quoted");
    }

    private string ParseQuoted(char quote)
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= input.Length || input[_pos] == '\n')
            {
                throw Error("quoted literal not terminated");
            }

            char c = input[_pos++];
            if (c == quote)
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= input.Length)
            {
                throw Error("escape sequence not terminated");
            }

            char e = input[_pos++];
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case 'x': sb.Append((char)ParseHex(2)); break;
                case 'u': sb.Append(char.ConvertFromUtf32(ParseHex(4))); break;
                case 'U': sb.Append(char.ConvertFromUtf32(ParseHex(8))); break;
                case >= '0' and <= '7':
                    _pos--;
                    sb.Append((char)Convert.ToInt32(Take(3), 8));
                    break;
                default:
                    // A regular expression keeps its own escapes (\d, \., \/ …).
                    if (e == quote && quote != '"')
                    {
                        sb.Append(e);
                    }
                    else if (e == '"')
                    {
                        sb.Append('"');
                    }
                    else if (quote != '"')
                    {
                        sb.Append('\\').Append(e);
                    }
                    else
                    {
                        throw Error($"unknown escape sequence \\{e}");
                    }

                    break;
            }
        }
    }

    private int ParseHex(int digits) =>
        int.TryParse(Take(digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw Error("invalid hex escape");

    private string Take(int count)
    {
        if (_pos + count > input.Length)
        {
            throw Error("escape sequence not terminated");
        }

        string s = input.Substring(_pos, count);
        _pos += count;
        return s;
    }

    private char Peek()
    {
        SkipSpace();
        return _pos < input.Length ? input[_pos] : '\0';
    }

    private void SkipSpace()
    {
        while (_pos < input.Length && char.IsWhiteSpace(input[_pos]))
        {
            _pos++;
        }
    }

    private InvalidArgumentException Error(string message)
        => new($"filters: parse error: [{input}] at {_pos}: {message}: invalid argument");
}
