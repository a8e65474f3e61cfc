using System.Text.RegularExpressions;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Output;

namespace Berth.Operations.Volumes;

/// <summary>
/// docker's volume filters: <c>name</c> (the name, or a regular expression found in it), <c>driver</c> (exact),
/// <c>label=KEY[=VALUE]</c> (every one must match), <c>dangling</c> (true/1, false/0) for ls; <c>label</c>,
/// <c>label!</c> and <c>all</c> for prune. Values of one key: any; different keys: all. KEY=VALUE syntax is checked
/// when read (a usage error, as docker's CLI), the keys when used (dockerd's refusal).
/// </summary>
internal sealed class VolumeFilter
{
    public static readonly IReadOnlySet<string> ListKeys = new HashSet<string>(["dangling", "driver", "label", "name"]);
    public static readonly IReadOnlySet<string> PruneKeys = new HashSet<string>(["all", "label", "label!"]);

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    /// <summary>Whether to list (true) or skip (false) volumes no container uses; null when not asked.</summary>
    public bool? Dangling { get; private set; }

    /// <summary>prune's <c>all=true</c>: named volumes too.</summary>
    public bool All { get; private set; }

    /// <summary>Whether <c>label</c> or <c>label!</c> narrows the choice.</summary>
    public bool HasLabels => _values.ContainsKey("label") || _values.ContainsKey("label!");

    /// <param name="flag">The flag as docker's usage error names it (<c>-f, --filter</c>, or prune's <c>--filter</c>).</param>
    public static VolumeFilter Parse(IReadOnlyList<string> filters, string flag)
    {
        var filter = new VolumeFilter();
        foreach (string text in filters)
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new ClientException($"invalid argument \"{text}\" for \"{flag}\" flag: bad format of filter (expected name=value)", 125);
            }

            string key = text[..eq].Trim().ToLowerInvariant();
            (filter._values.TryGetValue(key, out var list) ? list : filter._values[key] = []).Add(text[(eq + 1)..].Trim());
        }

        return filter;
    }

    /// <summary>Refuses keys outside <paramref name="accepted"/> and values that are not booleans where one is wanted.</summary>
    public VolumeFilter Validate(IReadOnlySet<string> accepted)
    {
        if (_values.Keys.FirstOrDefault(k => !accepted.Contains(k)) is { } unknown)
        {
            throw new InvalidArgumentException($"invalid filter '{unknown}'");
        }

        if (_values.TryGetValue("dangling", out var dangling))
        {
            bool yes = dangling.Any(v => v is "true" or "1"), no = dangling.Any(v => v is "false" or "0");
            Dangling = yes != no && dangling.All(v => v is "true" or "1" or "false" or "0")
                ? yes
                : throw new InvalidArgumentException($"invalid filter 'dangling=[{string.Join(' ', dangling)}]'");
        }

        if (_values.TryGetValue("all", out var all))
        {
            All = all.Count > 1 ? throw new InvalidArgumentException($"invalid filter 'all=[{string.Join(' ', all)}]': only one value is expected")
                : all[0] is "1" or "t" or "T" or "true" or "TRUE" or "True" ? true
                : all[0] is "0" or "f" or "F" or "false" or "FALSE" or "False" ? false
                : throw new InvalidArgumentException($"invalid filter 'all': strconv.ParseBool: parsing {GoText.Quote(all[0])}: invalid syntax");
        }

        return this;
    }

    /// <param name="used">The names of the volumes containers use; needed only for <see cref="Dangling"/>.</param>
    public bool Matches(Volume volume, IReadOnlySet<string>? used)
    {
        var labels = VolumeRows.LabelsOf(volume);
        return Any("name", v => v == volume.Name || Search(v, volume.Name))
            && Any("driver", v => v == volume.Driver)
            && Every("label", v => HasLabel(labels, v))
            && !(_values.TryGetValue("label!", out var excluded) && excluded.Count > 0 && excluded.All(v => HasLabel(labels, v)))
            && (Dangling is not { } dangling || dangling != used!.Contains(volume.Name));
    }

    private bool Any(string key, Func<string, bool> test) => !_values.TryGetValue(key, out var values) || values.Any(test);

    private bool Every(string key, Func<string, bool> test) => !_values.TryGetValue(key, out var values) || values.All(test);

    private static bool HasLabel(IReadOnlyDictionary<string, string> labels, string filter)
    {
        int eq = filter.IndexOf('=', StringComparison.Ordinal);
        return labels.TryGetValue(eq < 0 ? filter : filter[..eq], out string? value) && (eq < 0 || value == filter[(eq + 1)..]);
    }

    // dockerd matches the pattern anywhere in the name; one that does not compile matches nothing.
    private static bool Search(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is ArgumentException or RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
