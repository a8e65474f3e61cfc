using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>docker container prune --filter</c>: <c>until=TIME</c> (containers made before it: an RFC 3339 time, Unix
/// seconds or a duration before now), <c>label=KEY[=VALUE]</c> (the container has every one) and
/// <c>label!=KEY[=VALUE]</c> (it is spared when it has every one). The keys are read as docker's CLI reads them
/// (lower-cased, trimmed); which keys exist and what until means is checked as dockerd checks them, after the question.
/// </summary>
internal sealed class ContainerPruneFilter
{
    private readonly List<(string Key, string Value)> _pairs = [];
    private DateTimeOffset? _until;

    /// <summary>The filters as typed; a usage error when one is not <c>name=value</c>.</summary>
    public static ContainerPruneFilter Parse(IReadOnlyList<string> filters)
    {
        var filter = new ContainerPruneFilter();
        foreach (string text in filters)
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                throw new ClientException(
                    $"berth: invalid argument \"{text}\" for \"--filter\" flag: bad format of filter (expected name=value)\nSee 'berth container prune --help'.",
                    ExitStatus.Failed);
            }

            filter._pairs.Add((text[..eq].Trim().ToLowerInvariant(), text[(eq + 1)..].Trim()));
        }

        return filter;
    }

    /// <summary>Checks the keys and reads until against <paramref name="now"/>, refusing as dockerd does.</summary>
    public void Validate(DateTimeOffset now)
    {
        if (_pairs.FirstOrDefault(p => p.Key is not ("until" or "label" or "label!")) is { Key: { } unknown })
        {
            throw new InvalidArgumentException($"Invalid filter '{unknown}'");
        }

        var until = _pairs.Where(p => p.Key == "until").Select(p => p.Value).ToList();
        if (until.Count > 1)
        {
            throw new InvalidArgumentException("more than one until filter specified");
        }

        if (until.Count == 1)
        {
            try
            {
                _until = LogTime.Parse(until[0], "until", now);
            }
            catch (ClientException)
            {
                throw new InvalidArgumentException($"failed to parse value as time or duration: {GoText.Quote(until[0])}");
            }
        }
    }

    /// <summary>Whether a stopped container is to go.</summary>
    public bool Matches(ContainerDetails container)
    {
        if (_until is { } until && container.Created > until)
        {
            return false;
        }

        var required = Values("label");
        var spared = Values("label!");
        return required.All(l => HasLabel(container, l)) && (spared.Count == 0 || !spared.All(l => HasLabel(container, l)));
    }

    private List<string> Values(string key) => [.. _pairs.Where(p => p.Key == key).Select(p => p.Value)];

    private static bool HasLabel(ContainerDetails container, string filter)
    {
        int eq = filter.IndexOf('=', StringComparison.Ordinal);
        string key = eq < 0 ? filter : filter[..eq];
        return container.Labels.TryGetValue(key, out string? value) && (eq < 0 || value == filter[(eq + 1)..]);
    }
}
