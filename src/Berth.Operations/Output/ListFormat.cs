using System.Text;

namespace Berth.Operations.Output;

/// <summary>
/// docker's <c>--format</c> for listings: <c>table</c> (the default table), <c>table TEMPLATE</c> (a template aligned
/// in columns under a header made of the fields' names), <c>json</c> (one JSON object per line), or a bare template
/// (one rendering per row, unaligned). <c>\t</c> and <c>\n</c> typed literally mean a tab and a newline, as in docker.
/// </summary>
internal sealed class ListFormat
{
    private readonly GoTemplate _template;
    private readonly bool _table;
    private readonly IReadOnlyDictionary<string, string> _headers;

    /// <param name="format">What the user passed to --format; empty for the default.</param>
    /// <param name="defaultTable">The template of the default table, without the "table " prefix.</param>
    /// <param name="headers">Column titles of every field (ID → IMAGE ID), which a table's header is made of.</param>
    public ListFormat(string? format, string defaultTable, IReadOnlyDictionary<string, string> headers)
    {
        string source = string.IsNullOrWhiteSpace(format) || format.Trim() == "table" ? "table " + defaultTable : format;
        _table = source.StartsWith("table", StringComparison.Ordinal);
        string body = source.Trim() == "json" ? "{{json .}}" : _table ? source["table".Length..] : source;
        _template = GoTemplate.Parse(body.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal));
        _headers = headers;
    }

    /// <summary>Renders every row (and the header, for a table, even when there are no rows).</summary>
    public string Render(IEnumerable<IReadOnlyDictionary<string, string>> rows)
    {
        var text = new StringBuilder();
        IReadOnlyDictionary<string, string>? first = null;
        foreach (var row in rows)
        {
            first ??= row;
            text.Append(_template.Execute(row)).Append('\n');
        }

        if (!_table)
        {
            return text.ToString();
        }

        var writer = new TabWriter();
        var header = _headers.Keys.Union(first?.Keys ?? []).ToDictionary(k => k, k => _headers.TryGetValue(k, out var h) ? h : k.ToUpperInvariant());
        writer.AddLine(_template.Execute(header));

        foreach (string line in text.ToString().Split('\n')[..^1])
        {
            writer.AddLine(line);
        }

        return writer.Render();
    }
}
