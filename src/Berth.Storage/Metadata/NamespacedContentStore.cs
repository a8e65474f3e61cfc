using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Labels;
using Berth.Oci;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>
/// One namespace's view of the global content store, with containerd's "shared" policy (metadata/content.go): the
/// bytes of a blob are stored once, and a namespace sees a blob only while it has a record of it. Labels live on the
/// record, so each namespace labels its blobs on its own. Deleting a record leaves the bytes to the collector,
/// which removes them once no namespace references them.
/// </summary>
internal sealed partial class NamespacedContentStore(MetadataStore store, string @namespace, string? lease) : IContentStore
{
    private const string InfoColumns = "digest, size, labels, created, updated";

    public async ValueTask<IContentReader> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        _ = Read(digest);
        return await store.BackendContent.OpenReadAsync(digest, cancellationToken);
    }

    public ValueTask<ContentInfo> InfoAsync(Digest digest, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(digest));

    public ValueTask<ContentInfo> UpdateAsync(ContentInfo info, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default)
    {
        var updated = store.Database.Write((c, t) =>
        {
            var current = Read(c, t, info.Digest) ?? throw NotFound(info.Digest);
            var (labels, others) = LabelSet.ApplyUpdate(current.Labels, info.Labels, fieldPaths);
            if (others.Count > 0)
            {
                throw new InvalidArgumentException(
                    $"cannot update {string.Join(", ", others)} of content {info.Digest}: only labels can change");
            }

            LabelSet.Validate(labels);
            var now = store.Now();
            SqliteDatabase.Execute(c, t,
                "UPDATE content SET labels = $labels, updated = $now WHERE namespace = $ns AND digest = $digest;",
                ("$ns", @namespace), ("$digest", info.Digest.ToString()), ("$labels", LabelsColumn.ToStored(labels)),
                ("$now", Timestamps.ToStored(now)));
            return current with { UpdatedAt = now, Labels = labels };
        });

        // No collection is scheduled here, as in containerd: what a label change leaves unreferenced goes with the next
        // delete or prune (`ctr content prune references` deletes a lease synchronously for that). Collecting at once
        // would take blobs and snapshots that ctr made without a lease in the middle of a user's sequence of commands.
        return ValueTask.FromResult(updated);
    }

    public IAsyncEnumerable<ContentInfo> WalkAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        var infos = store.Database.Read(c =>
        {
            using var command = SqliteDatabase.Command(c, null,
                $"SELECT {InfoColumns} FROM content WHERE namespace = $ns ORDER BY digest;", ("$ns", @namespace));
            using var reader = command.ExecuteReader();
            var all = new List<ContentInfo>();
            while (reader.Read())
            {
                all.Add(ReadInfo(reader));
            }

            return all;
        });
        return infos.Where(info => filter.Match(path => Lookup(info, path))).ToAsyncEnumerable();
    }

    public ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        store.Database.Write((c, t) =>
        {
            int deleted = SqliteDatabase.Execute(c, t, "DELETE FROM content WHERE namespace = $ns AND digest = $digest;",
                ("$ns", @namespace), ("$digest", digest.ToString()));
            if (deleted == 0)
            {
                throw NotFound(digest);
            }

            LeaseRows.Detach(c, t, @namespace, lease, LeaseRows.Content, digest.ToString());
        });
        store.ScheduleCollection();
        return ValueTask.CompletedTask;
    }

    private ContentInfo Read(Digest digest) => store.Database.Read(c => Read(c, null, digest)) ?? throw NotFound(digest);

    private ContentInfo? Read(SqliteConnection connection, SqliteTransaction? transaction, Digest digest)
    {
        using var command = SqliteDatabase.Command(connection, transaction,
            $"SELECT {InfoColumns} FROM content WHERE namespace = $ns AND digest = $digest;",
            ("$ns", @namespace), ("$digest", digest.ToString()));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadInfo(reader) : null;
    }

    private static ContentInfo ReadInfo(SqliteDataReader reader)
        => new(Digest.Parse(reader.GetString(0)), reader.GetInt64(1),
            Timestamps.FromStored(reader.GetInt64(3)), Timestamps.FromStored(reader.GetInt64(4)))
        {
            Labels = LabelsColumn.FromStored(reader.GetString(2)),
        };

    private static string? Lookup(ContentInfo info, IReadOnlyList<string> path) => path switch
    {
        ["digest"] => info.Digest.ToString(),
        // containerd 1.6 leaves size filtering as a TODO; the local store supports it, so the views do too.
        ["size"] => info.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["labels", ..] => FieldLookups.FromMap(path, 1, info.Labels),
        _ => null,
    };

    private NotFoundException NotFound(Digest digest)
        => new($"content {digest} not found in namespace {@namespace}");
}
