using System.Text;

namespace Berth.Operations.Output;

/// <summary>JSON text as Go's encoding/json writes it, for output that scripts written against docker compare byte for byte.</summary>
internal static class GoJson
{
    /// <summary>A flat object with its keys sorted, as Go marshals a map: <c>{"ID":"abc","Tag":"\u003cnone\u003e"}</c>.</summary>
    public static string Object(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var json = new StringBuilder("{");
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            AppendString(json, key).Append(':');
            AppendString(json, value);
        }

        return json.Append('}').ToString();
    }

    /// <summary>A JSON string literal with Go's escapes: HTML characters and line separators as \u escapes.</summary>
    public static string String(string value) => AppendString(new StringBuilder(), value).ToString();

    private static StringBuilder AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                case < ' ':
                    json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default: json.Append(c); break;
            }
        }

        return json.Append('"');
    }
}
