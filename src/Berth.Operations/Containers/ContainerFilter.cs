using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// docker's <c>ps --filter</c>: <c>id</c> and <c>name</c> (regular expressions, as dockerd matches them),
/// <c>label=KEY[=VALUE]</c>, <c>status</c> (which lists stopped containers too), <c>exited=CODE</c>, <c>ancestor</c>
/// (an image by name or id), <c>before</c>/<c>since</c> (a container), <c>volume</c> (a mount's source or
/// destination), <c>network</c>, and <c>health</c>, <c>publish</c>, <c>expose</c>, <c>is-task</c>, which nothing of
/// berth's matches yet. Values of one key: any; different keys: all.
/// </summary>
internal sealed class ContainerFilter
{
    private static readonly HashSet<string> States = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];
    private static readonly HashSet<string> Keys =
        ["ancestor", "before", "exited", "id", "isolation", "label", "name", "status", "health", "since", "volume", "network", "is-task", "publish", "expose"];

    private readonly Dictionary<string, List<string>> _values = [];

    public static ContainerFilter Parse(IReadOnlyList<string> filters)
    {
        var filter = new ContainerFilter();
        foreach (string text in filters)
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ClientException($"invalid argument \"{text}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)", 125);
            }

            string key = text[..eq].ToLowerInvariant();
            string value = text[(eq + 1)..];
            if (!Keys.Contains(key))
            {
                throw new InvalidArgumentException($"invalid filter '{key}'");
            }

            if (key == "status" && !States.Contains(value))
            {
                throw new InvalidArgumentException(
                    $"invalid filter 'status={value}': invalid value for state ({value}): must be one of {string.Join(", ", States)}");
            }

            if (key == "exited" && !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new InvalidArgumentException($"invalid filter 'exited={value}': strconv.Atoi: parsing {GoText.Quote(value)}: invalid syntax");
            }

            filter.Values(key).Add(value);
        }

        return filter;
    }

    /// <summary>Whether the filter has values for <paramref name="key"/>.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The values given for <paramref name="key"/>.</summary>
    public List<string> Values(string key) => _values.TryGetValue(key, out var list) ? list : _values[key] = [];

    /// <summary>Whether a container passes every key but before, since and ancestor (which need the whole list and the images).</summary>
    public bool Matches(ContainerDetails c, ISet<string> ancestorImageIds)
    {
        bool Any(string key, Func<string, bool> test) => !_values.TryGetValue(key, out var values) || values.Any(test);
        return Any("name", v => Search(v, c.Name) || Search(v, "/" + c.Name))
            && Any("id", v => Search(v, c.Id))
            && Any("label", v => HasLabel(c, v))
            && Any("status", v => ContainerRows.State(c.State) == v)
            && Any("exited", v => c.State.StartedAt is not null && c.State.Status is not (ContainerStatus.Running or ContainerStatus.Paused or ContainerStatus.Restarting)
                && c.State.ExitCode == int.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
            && Any("volume", v => c.Mounts.Any(m => m.Source == v || m.Destination == v))
            && Any("network", v => v == (c.Request.Spec.NetworkNamespace == Core.Containers.Options.ContainerSpecOptions.HostNetwork ? "host" : "none"))
            && Any("ancestor", _ => ancestorImageIds.Contains(c.ImageId))
            && Any("is-task", v => v is "false" or "0")
            && Any("health", v => v == "none")
            && Any("publish", _ => false)
            && Any("expose", _ => false)
            && Any("isolation", v => v is "default" or "");
    }

    private static bool HasLabel(ContainerDetails c, string filter)
    {
        int eq = filter.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? c.Labels.ContainsKey(filter) : c.Labels.TryGetValue(filter[..eq], out string? value) && value == filter[(eq + 1)..];
    }

    // dockerd matches names and ids as regular expressions (a bad one matches nothing).
    private static bool Search(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
