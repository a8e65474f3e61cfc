using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>A JSON number kept as written, as docker's CLI decodes inspect output (json.Number) before formatting it.</summary>
internal readonly record struct GoNumber(string Text);

/// <summary>
/// Inspect output as docker's <c>--format</c> sees it: JSON decoded into Go values (maps, slices, strings, numbers,
/// bools, nil), printed as Go's fmt prints them and re-encoded as Go's encoding/json encodes them.
/// Values are null, <see cref="string"/>, <see cref="bool"/>, <see cref="GoNumber"/>, lists and sorted maps.
/// </summary>
internal static class InspectValue
{
    public static object? From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new SortedDictionary<string, object?>(
            element.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => From(g.Last().Value)), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(From).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => new GoNumber(element.GetRawText()),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>Go's %v: <c>map[a:b]</c>, <c>[x y]</c>, <c>&lt;no value&gt;</c> for nil at the top.</summary>
    public static string Print(object? value, bool top = true) => value switch
    {
        null => top ? "<no value>" : "<nil>",
        string s => s,
        bool b => b ? "true" : "false",
        GoNumber n => n.Text,
        int i => i.ToString(CultureInfo.InvariantCulture),
        IList<object?> list => "[" + string.Join(' ', list.Select(v => Print(v, top: false))) + "]",
        IDictionary<string, object?> map => "map[" + string.Join(' ', map.Select(e => $"{e.Key}:{Print(e.Value, top: false)}")) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Go's json.Marshal of a decoded value: compact, map keys sorted, HTML characters escaped.</summary>
    public static string Json(object? value)
    {
        var json = new StringBuilder();
        Append(json, value);
        return json.ToString();
    }

    /// <summary>Go template truth: false, 0, nil and empty strings, lists and maps are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        GoNumber n => decimal.TryParse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) && d != 0,
        int i => i != 0,
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    private static void Append(StringBuilder json, object? value)
    {
        switch (value)
        {
            case null: json.Append("null"); break;
            case string s: json.Append(GoJson.String(s)); break;
            case bool b: json.Append(b ? "true" : "false"); break;
            case GoNumber n: json.Append(n.Text); break;
            case int i: json.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case IList<object?> list:
                json.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    json.Append(i > 0 ? "," : string.Empty);
                    Append(json, list[i]);
                }

                json.Append(']');
                break;
            case IDictionary<string, object?> map:
                json.Append('{');
                foreach (var (key, item) in map)
                {
                    json.Append(json[^1] == '{' ? string.Empty : ",").Append(GoJson.String(key)).Append(':');
                    Append(json, item);
                }

                json.Append('}');
                break;
            default: json.Append(GoJson.String(value.ToString() ?? string.Empty)); break;
        }
    }
}
