using Berth.Core.Filters;
using Berth.Core.Snapshots;

namespace Berth.Storage.Snapshots.Storage;

/// <summary>The fields a snapshot filter can name, as containerd's snapshot adaptor.</summary>
internal static class SnapshotFields
{
    public static FieldLookup Of(SnapshotInfo info) => path => path.Count == 0 ? null : path[0] switch
    {
        "kind" => KindName(info.Kind),
        "name" => info.Name,
        // containerd reports a missing parent as present and empty, so that parent!="" selects children.
        "parent" => info.Parent ?? string.Empty,
        "labels" when path.Count > 1 => info.Labels.GetValueOrDefault(string.Join('.', path.Skip(1))),
        _ => null,
    };

    public static string? KindName(SnapshotKind kind) => kind switch
    {
        SnapshotKind.Active => "active",
        SnapshotKind.View => "view",
        SnapshotKind.Committed => "committed",
        _ => null,
    };
}
