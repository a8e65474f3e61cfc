namespace Berth.Operations.Events;

/// <summary>
/// An event's attributes as a template sees them: a Go map, where a missing key is the zero value (printed
/// <c>&lt;no value&gt;</c>), not the error a decoded inspect document gives, so that <c>{{.Actor.Attributes.exitCode}}</c>
/// works over events that have none, as in docker.
/// </summary>
internal sealed class AttributeMap : SortedDictionary<string, object?>, IDictionary<string, object?>
{
    public AttributeMap(IReadOnlyDictionary<string, string> attributes)
        : base(StringComparer.Ordinal)
    {
        foreach (var (key, value) in attributes)
        {
            Add(key, value);
        }
    }

    bool IDictionary<string, object?>.TryGetValue(string key, out object? value)
    {
        TryGetValue(key, out value);
        return true;
    }
}
