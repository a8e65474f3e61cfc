using Berth.Core.Engine;
using Berth.Operations.Output;

namespace Berth.Operations.Events;

/// <summary>
/// docker's <c>events --filter</c>, as dockerd matches it: <c>container</c> (an id or name, or the start of one),
/// <c>event</c> (the action, <c>exec_create</c> matching <c>exec_create: sh</c>), <c>type</c>, <c>image</c> (a
/// container's image or an image's name, with or without its tag), <c>volume</c> (the start of the actor's id),
/// and <c>label</c> (<c>KEY</c> or <c>KEY=VALUE</c> among the attributes). Values of one key: any of them, except
/// labels, which must all match; different keys: all. Keys dockerd knows for objects berth lacks (network, plugin,
/// daemon, …) and unknown keys are ignored, as dockerd 20.10 ignores them.
/// </summary>
internal sealed class EventFilter
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static EventFilter Parse(IReadOnlyList<string> filters)
    {
        var filter = new EventFilter();
        foreach (string text in filters)
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ClientException($"invalid argument \"{text}\" for \"-f, --filter\" flag: bad format of filter (expected name=value)", 125);
            }

            string key = text[..eq].ToLowerInvariant();
            (filter._values.TryGetValue(key, out var list) ? list : filter._values[key] = []).Add(text[(eq + 1)..]);
        }

        return filter;
    }

    public bool Matches(EngineEvent e)
    {
        bool Any(string key, Func<string, bool> test) => !_values.TryGetValue(key, out var values) || values.Any(test);
        string name = e.Attributes.GetValueOrDefault("name", string.Empty);
        return Any("type", v => v == e.Type)
            && Any("event", v => v == e.Action || v == BareAction(e.Action))
            && Any("container", v => Fuzzy(v, e.ActorId) || Fuzzy(v, name))
            && Any("volume", v => Fuzzy(v, e.ActorId))
            && Any("image", v => MatchesImage(v, e))
            && (!_values.TryGetValue("label", out var labels) || labels.All(v => HasAttribute(v, e.Attributes)));
    }

    // "exec_create: sh -c date" is an exec_create.
    private static string BareAction(string action) => action.Split(':', 2)[0];

    // dockerd's fuzzy match: the whole value, or its start.
    private static bool Fuzzy(string wanted, string value) => wanted.Length > 0 && value.StartsWith(wanted, StringComparison.Ordinal);

    private static bool MatchesImage(string wanted, EngineEvent e)
    {
        string image = e.Attributes.GetValueOrDefault(e.Type == EngineEventTypes.Image ? "name" : "image", string.Empty);
        return wanted == e.ActorId || wanted == image || wanted == WithoutTag(e.ActorId) || (image.Length > 0 && wanted == WithoutTag(image));
    }

    /// <summary>A reference without its tag or digest: <c>host:5000/busybox:1</c> → <c>host:5000/busybox</c>.</summary>
    internal static string WithoutTag(string reference)
    {
        if (reference.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return reference;
        }

        int at = reference.IndexOf('@', StringComparison.Ordinal);
        string name = at >= 0 ? reference[..at] : reference;
        int colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name[..colon] : name;
    }

    private static bool HasAttribute(string label, IReadOnlyDictionary<string, string> attributes)
    {
        int eq = label.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? attributes.ContainsKey(label) : attributes.TryGetValue(label[..eq], out var value) && value == label[(eq + 1)..];
    }
}
