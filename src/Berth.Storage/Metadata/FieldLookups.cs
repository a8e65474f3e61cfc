namespace Berth.Storage.Metadata;

/// <summary>Helpers for the filter adaptors of each object (containerd's metadata/adaptors.go).</summary>
internal static class FieldLookups
{
    /// <summary>A label or annotation by the rest of the field path, joined with dots; null when absent.</summary>
    public static string? FromMap(IReadOnlyList<string> fieldPath, int skip, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0 || fieldPath.Count <= skip)
        {
            return null;
        }

        return map.TryGetValue(string.Join('.', fieldPath.Skip(skip)), out var value) ? value : null;
    }
}
