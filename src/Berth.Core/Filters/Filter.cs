using System.Text.RegularExpressions;

namespace Berth.Core.Filters;

/// <summary>Looks up a field path (such as <c>labels."io.x"</c> → ["labels", "io.x"]); null when the field is absent.</summary>
public delegate string? FieldLookup(IReadOnlyList<string> fieldPath);

/// <summary>
/// A parsed containerd filter. A filter string is a comma-separated list of selectors that must all match
/// (<c>name==foo,labels."a"~=^x</c>); several filter strings match when any one does.
/// </summary>
public sealed class Filter
{
    private readonly IReadOnlyList<IReadOnlyList<Selector>> _alternatives;

    private Filter(IReadOnlyList<IReadOnlyList<Selector>> alternatives) => _alternatives = alternatives;

    /// <summary>The filter that matches everything.</summary>
    public static Filter Always { get; } = new([[]]);

    /// <summary>
    /// Parses filter strings; the result matches when any of them does. Empty input matches everything.
    /// Throws <see cref="Errors.InvalidArgumentException"/> on a syntax error.
    /// </summary>
    public static Filter Parse(IEnumerable<string>? filters)
    {
        var alternatives = new List<IReadOnlyList<Selector>>();
        foreach (string text in filters ?? [])
        {
            alternatives.Add(text.Length == 0 ? [] : new FilterParser(text).ParseSelectors());
        }

        return alternatives.Count == 0 ? Always : new Filter(alternatives);
    }

    /// <summary>Parses a single filter string.</summary>
    public static Filter Parse(string filter) => Parse([filter]);

    /// <summary>Whether the object described by <paramref name="lookup"/> matches.</summary>
    public bool Match(FieldLookup lookup) => _alternatives.Any(all => all.All(s => s.Match(lookup)));

    internal enum Operator
    {
        Present,
        Equal,
        NotEqual,
        Matches,
    }

    internal sealed record Selector(IReadOnlyList<string> FieldPath, Operator Op, string Value, Regex? Pattern)
    {
        public bool Match(FieldLookup lookup)
        {
            string? value = lookup(FieldPath);
            return Op switch
            {
                Operator.Present => value is not null,
                Operator.Equal => value is not null && value == Value,
                // As containerd: an absent field counts as the empty string for != and ~=.
                Operator.NotEqual => (value ?? string.Empty) != Value,
                Operator.Matches => Pattern!.IsMatch(value ?? string.Empty),
                _ => false,
            };
        }
    }
}
