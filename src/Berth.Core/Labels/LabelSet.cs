using System.Collections.Frozen;
using System.Text;
using Berth.Core.Errors;

namespace Berth.Core.Labels;

/// <summary>Label rules and the well-known labels that steer garbage collection (containerd's labels and gc packages).</summary>
public static class LabelSet
{
    /// <summary>The largest key plus value, in bytes.</summary>
    public const int MaxSize = 4096;

    /// <summary>Keeps the object alive with no other reference.</summary>
    public const string GcRoot = "containerd.io/gc.root";

    /// <summary>Prefix of labels whose value is a digest of content the object references.</summary>
    public const string GcRefContentPrefix = "containerd.io/gc.ref.content";

    /// <summary>Prefix of labels <c>containerd.io/gc.ref.snapshot.&lt;snapshotter&gt;[/…]</c> naming a referenced snapshot.</summary>
    public const string GcRefSnapshotPrefix = "containerd.io/gc.ref.snapshot.";

    /// <summary>On a lease: the time (RFC 3339) after which it no longer protects anything.</summary>
    public const string GcExpire = "containerd.io/gc.expire";

    /// <summary>On a lease: protect only the resources named, not what they reference.</summary>
    public const string GcFlat = "containerd.io/gc.flat";

    /// <summary>On a layer blob: the digest of its uncompressed form.</summary>
    public const string Uncompressed = "containerd.io/uncompressed";

    /// <summary>An empty, immutable label set.</summary>
    public static IReadOnlyDictionary<string, string> Empty { get; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Throws <see cref="InvalidArgumentException"/> unless every label is within the rules.</summary>
    public static void Validate(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (key, value) in labels)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new InvalidArgumentException("label key must not be empty");
            }

            int size = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
            if (size > MaxSize)
            {
                throw new InvalidArgumentException($"label key and value length ({size} bytes) greater than maximum size ({MaxSize} bytes), key: {key[..Math.Min(key.Length, 10)]}");
            }
        }
    }

    /// <summary>
    /// Applies the update rule of containerd's Update calls: with no field paths, <paramref name="update"/> replaces
    /// all labels; with paths, <c>labels</c> replaces them all and <c>labels.&lt;key&gt;</c> sets or, when the key
    /// is absent from the update, removes one label. Other paths are left to the caller and returned.
    /// </summary>
    public static (Dictionary<string, string> Labels, List<string> OtherPaths) ApplyUpdate(
        IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> update, IReadOnlyList<string>? fieldPaths)
    {
        var result = new Dictionary<string, string>(current, StringComparer.Ordinal);
        var others = new List<string>();
        if (fieldPaths is null || fieldPaths.Count == 0)
        {
            return (new Dictionary<string, string>(update, StringComparer.Ordinal), others);
        }

        foreach (string path in fieldPaths)
        {
            if (path == "labels")
            {
                result = new Dictionary<string, string>(update, StringComparer.Ordinal);
            }
            else if (path.StartsWith("labels.", StringComparison.Ordinal))
            {
                string key = path["labels.".Length..];
                if (update.TryGetValue(key, out var value))
                {
                    result[key] = value;
                }
                else
                {
                    result.Remove(key);
                }
            }
            else
            {
                others.Add(path);
            }
        }

        return (result, others);
    }
}
