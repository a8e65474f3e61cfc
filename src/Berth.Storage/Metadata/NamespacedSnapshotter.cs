using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Labels;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>
/// One namespace's view of a global snapshotter (containerd's metadata/snapshot.go). A snapshot's key is the
/// namespace's; the backend knows it as <c>&lt;namespace&gt;/&lt;seq&gt;/&lt;key&gt;</c>, a new name at each commit, so that
/// namespaces never collide and a key can be reused at once after a remove. Stat, Walk and Update answer from the
/// records alone; Mounts and Usage ask the backend.
/// </summary>
internal sealed partial class NamespacedSnapshotter(
    MetadataStore store, string @namespace, string? lease, string snapshotter, ISnapshotter backend) : ISnapshotter
{
    // containerd passes only these labels on to the backend (snapshots.FilterInheritedLabels).
    private const string InheritedLabelPrefix = "containerd.io/snapshot/";
    private const string TargetLabel = "containerd.io/snapshot.ref";
    private const string RecordColumns = "key, backend_key, parent, kind, labels, created, updated";

    public ValueTask<SnapshotInfo> StatAsync(string key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(store.Database.Read(c => Find(c, null, key) ?? throw NotFound(key)).Info);

    public ValueTask<SnapshotInfo> UpdateAsync(SnapshotInfo info, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(info.Name))
        {
            throw new InvalidArgumentException("a snapshot update needs the snapshot's name");
        }

        var updated = store.Database.Write((c, t) =>
        {
            var current = Find(c, t, info.Name) ?? throw NotFound(info.Name);
            var (labels, others) = LabelSet.ApplyUpdate(current.Info.Labels, info.Labels, fieldPaths);
            if (others.Count > 0)
            {
                throw new InvalidArgumentException(
                    $"cannot update {string.Join(", ", others)} of snapshot {info.Name}: only labels can change");
            }

            LabelSet.Validate(labels);
            var now = store.Now();
            SqliteDatabase.Execute(c, t,
                """
                UPDATE snapshots SET labels = $labels, updated = $now
                WHERE namespace = $ns AND snapshotter = $sn AND key = $key;
                """,
                ("$ns", @namespace), ("$sn", snapshotter), ("$key", info.Name), ("$labels", LabelsColumn.ToStored(labels)),
                ("$now", Timestamps.ToStored(now)));
            return current.Info with { UpdatedAt = now, Labels = labels };
        });

        // As for content labels, the next delete collects what this change left unreferenced.
        return ValueTask.FromResult(updated);
    }

    public ValueTask<SnapshotUsage> UsageAsync(string key, CancellationToken cancellationToken = default)
        => backend.UsageAsync(BackendKey(key), cancellationToken);

    public ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default)
        => backend.MountsAsync(BackendKey(key), cancellationToken);

    public IAsyncEnumerable<SnapshotInfo> WalkAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        var infos = store.Database.Read(c =>
        {
            using var command = SqliteDatabase.Command(c, null,
                $"SELECT {RecordColumns} FROM snapshots WHERE namespace = $ns AND snapshotter = $sn ORDER BY key;",
                ("$ns", @namespace), ("$sn", snapshotter));
            using var reader = command.ExecuteReader();
            var all = new List<SnapshotInfo>();
            while (reader.Read())
            {
                all.Add(ReadRecord(reader).Info);
            }

            return all;
        });
        return infos.Where(info => filter.Match(path => Lookup(info, path))).ToAsyncEnumerable();
    }

    /// <summary>Frees the backend's disk of removed snapshots; the collector also does this after each sweep.</summary>
    public ValueTask CleanupAsync(CancellationToken cancellationToken = default) => backend.CleanupAsync(cancellationToken);

    private string BackendKey(string key) => store.Database.Read(c => Find(c, null, key) ?? throw NotFound(key)).BackendKey;

    private SnapshotRecord? Find(SqliteConnection connection, SqliteTransaction? transaction, string key)
    {
        using var command = SqliteDatabase.Command(connection, transaction,
            $"SELECT {RecordColumns} FROM snapshots WHERE namespace = $ns AND snapshotter = $sn AND key = $key;",
            ("$ns", @namespace), ("$sn", snapshotter), ("$key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    private static SnapshotRecord ReadRecord(SqliteDataReader reader)
    {
        var info = new SnapshotInfo(reader.GetString(0), reader.IsDBNull(2) ? null : reader.GetString(2),
            (SnapshotKind)reader.GetInt32(3), Timestamps.FromStored(reader.GetInt64(5)), Timestamps.FromStored(reader.GetInt64(6)))
        {
            Labels = LabelsColumn.FromStored(reader.GetString(4)),
        };
        return new SnapshotRecord(info, reader.GetString(1));
    }

    private static string? Lookup(SnapshotInfo info, IReadOnlyList<string> path) => path switch
    {
        ["kind"] => info.Kind switch
        {
            SnapshotKind.Active => "active",
            SnapshotKind.View => "view",
            SnapshotKind.Committed => "committed",
            _ => null,
        },
        ["name"] => info.Name,
        ["parent"] => info.Parent ?? string.Empty,
        ["labels", ..] => FieldLookups.FromMap(path, 1, info.Labels),
        _ => null,
    };

    private static Dictionary<string, string> Inherited(IReadOnlyDictionary<string, string>? labels)
        => (labels ?? LabelSet.Empty)
            .Where(l => l.Key == TargetLabel || l.Key.StartsWith(InheritedLabelPrefix, StringComparison.Ordinal))
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    private NotFoundException NotFound(string key)
        => new($"snapshot {key} does not exist in namespace {@namespace} on snapshotter {snapshotter}");

    private sealed record SnapshotRecord(SnapshotInfo Info, string BackendKey);
}
