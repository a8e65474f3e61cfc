using Berth.Core.Errors;
using Berth.Oci;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;

namespace Berth.Api.Conversions;

/// <summary>Conversions of the scalar wire shapes shared by every service.</summary>
public static class Wire
{
    /// <summary>A timestamp; Go's zero time (year 1) for the default value, as gogo's non-nullable times encode it.</summary>
    public static Timestamp ToTimestamp(DateTimeOffset time) => Timestamp.FromDateTimeOffset(time == default ? DateTimeOffset.MinValue : time);

    /// <summary>A time from the wire; the default value when absent.</summary>
    public static DateTimeOffset ToTime(Timestamp? timestamp) => timestamp is null ? default : timestamp.ToDateTimeOffset();

    /// <summary>A digest from the wire, or InvalidArgument naming the field.</summary>
    public static Digest ToDigest(string text, string field = "digest")
        => Digest.TryParse(text, out var digest) ? digest : throw new InvalidArgumentException($"{field} \"{text}\" is not a valid digest: want sha256:<64 hex digits>");

    /// <summary>An optional digest from the wire (empty string = none).</summary>
    public static Digest? ToOptionalDigest(string text, string field = "expected") => text.Length == 0 ? null : ToDigest(text, field);

    /// <summary>A copy of a protobuf map as an immutable-enough dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ToLabels(MapField<string, string> map)
        => map.Count == 0 ? Core.Labels.LabelSet.Empty : new Dictionary<string, string>(map, StringComparer.Ordinal);

    /// <summary>Copies labels into a protobuf map.</summary>
    public static void Fill(MapField<string, string> map, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in labels)
        {
            map[key] = value;
        }
    }

    /// <summary>Field paths of an update mask; null when there is none.</summary>
    public static IReadOnlyList<string>? ToFieldPaths(FieldMask? mask) => mask is null || mask.Paths.Count == 0 ? null : [.. mask.Paths];
}
