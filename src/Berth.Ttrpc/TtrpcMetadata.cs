using System.Collections;
using Berth.Ttrpc.Protocol;

namespace Berth.Ttrpc;

/// <summary>
/// The key/value pairs a ttrpc request carries (gRPC's headers, in ttrpc). Keys are lower-cased as ttrpc's MD does;
/// a key may repeat. containerd sends the tenant as <see cref="NamespaceKey"/>.
/// </summary>
public sealed class TtrpcMetadata : IEnumerable<KeyValuePair<string, string>>
{
    /// <summary>The key containerd puts the namespace under in ttrpc requests.</summary>
    public const string NamespaceKey = "containerd-namespace-ttrpc";

    private readonly List<KeyValuePair<string, string>> _pairs = [];

    /// <summary>Metadata that names only the namespace.</summary>
    public static TtrpcMetadata ForNamespace(string @namespace) => new() { { NamespaceKey, @namespace } };

    /// <summary>How many pairs there are.</summary>
    public int Count => _pairs.Count;

    /// <summary>Adds one value under a key (lower-cased).</summary>
    public void Add(string key, string value) => _pairs.Add(new(key.ToLowerInvariant(), value));

    /// <summary>The first value under a key, or null.</summary>
    public string? Get(string key)
    {
        string lower = key.ToLowerInvariant();
        foreach (var pair in _pairs)
        {
            if (pair.Key == lower)
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>Every value under a key, in the order sent.</summary>
    public IReadOnlyList<string> GetAll(string key)
    {
        string lower = key.ToLowerInvariant();
        return [.. _pairs.Where(p => p.Key == lower).Select(p => p.Value)];
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static TtrpcMetadata FromRequest(Request request)
    {
        var metadata = new TtrpcMetadata();
        foreach (var pair in request.Metadata)
        {
            metadata._pairs.Add(new(pair.Key, pair.Value));
        }

        return metadata;
    }

    internal void CopyTo(Request request)
    {
        foreach (var pair in _pairs)
        {
            request.Metadata.Add(new KeyValue { Key = pair.Key, Value = pair.Value });
        }
    }
}
