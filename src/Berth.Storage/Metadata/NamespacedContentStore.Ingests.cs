using System.Runtime.CompilerServices;
using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Storage.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class NamespacedContentStore
{
    public async ValueTask<IContentWriter> OpenWriterAsync(ContentWriterOptions options, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(options.Ref))
        {
            throw new InvalidArgumentException("an ingest ref must not be empty: name the write, for example after the digest");
        }

        using var shared = await store.CollectionLock.SharedAsync(cancellationToken);
        if (options.ExpectedDigest is { } expected)
        {
            await AdoptExistingAsync(expected, options.ExpectedSize, cancellationToken);
        }

        string backendRef = BackendRef(options.Ref);
        bool created = store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            bool existed = SqliteDatabase.Scalar(c, t, "SELECT 1 FROM ingests WHERE namespace = $ns AND ref = $ref;",
                ("$ns", @namespace), ("$ref", options.Ref)) == 1;
            SqliteDatabase.Execute(c, t,
                """
                INSERT INTO ingests (namespace, ref, backend_ref, expected, leased, updated)
                VALUES ($ns, $ref, $bref, $expected, $leased, $now)
                ON CONFLICT(namespace, ref) DO UPDATE SET updated = $now;
                """,
                ("$ns", @namespace), ("$ref", options.Ref), ("$bref", backendRef),
                ("$expected", options.ExpectedDigest?.ToString()), ("$leased", lease is null ? 0 : 1),
                ("$now", Timestamps.ToStored(store.Now())));
            LeaseRows.Attach(c, t, @namespace, lease, LeaseRows.Ingests, options.Ref);
            return !existed;
        });

        try
        {
            // The backend must not refuse a digest it holds: that blob was checked against this namespace above.
            var writer = await store.BackendContent.OpenWriterAsync(
                new ContentWriterOptions(backendRef) { ExpectedSize = options.ExpectedSize }, cancellationToken);
            return new NamespacedContentWriter(store, @namespace, lease, options.Ref, writer);
        }
        catch when (created)
        {
            store.Database.Write((c, t) => SqliteDatabase.Execute(c, t,
                "DELETE FROM ingests WHERE namespace = $ns AND ref = $ref;", ("$ns", @namespace), ("$ref", options.Ref)));
            throw;
        }
    }

    public async ValueTask<ContentStatus> StatusAsync(string reference, CancellationToken cancellationToken = default)
    {
        var row = FindIngest(reference) ?? throw IngestNotFound(reference);
        try
        {
            return WithNamespaceView(await store.BackendContent.StatusAsync(row.BackendRef, cancellationToken), row);
        }
        catch (NotFoundException)
        {
            throw IngestNotFound(reference);
        }
    }

    public async ValueTask<IContentReader> OpenIngestReadAsync(string reference, CancellationToken cancellationToken = default)
    {
        var row = FindIngest(reference) ?? throw IngestNotFound(reference);
        try
        {
            return await store.BackendContent.OpenIngestReadAsync(row.BackendRef, cancellationToken);
        }
        catch (NotFoundException)
        {
            throw IngestNotFound(reference);
        }
    }

    public async IAsyncEnumerable<ContentStatus> ListStatusesAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        var rows = store.Database.Read(c => ReadIngests(c, "SELECT ref, backend_ref, expected FROM ingests WHERE namespace = $ns ORDER BY ref;"));
        foreach (var row in rows.Where(row => filter.Match(path => path is ["ref"] ? row.Ref : null)))
        {
            ContentStatus status;
            try
            {
                status = await store.BackendContent.StatusAsync(row.BackendRef, cancellationToken);
            }
            catch (NotFoundException)
            {
                continue;
            }

            yield return WithNamespaceView(status, row);
        }
    }

    public async ValueTask AbortAsync(string reference, CancellationToken cancellationToken = default)
    {
        var row = FindIngest(reference) ?? throw IngestNotFound(reference);
        try
        {
            // The backend first: it refuses (Unavailable) while a writer holds the ref, and the record must then stay.
            await store.BackendContent.AbortAsync(row.BackendRef, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Nothing was written yet, or the collector was first.
        }

        store.Database.Write((c, t) =>
        {
            SqliteDatabase.Execute(c, t, "DELETE FROM ingests WHERE namespace = $ns AND ref = $ref;", ("$ns", @namespace), ("$ref", reference));
            LeaseRows.Detach(c, t, @namespace, lease, LeaseRows.Ingests, reference);
        });
    }

    private IngestRow? FindIngest(string reference) => store.Database.Read(c =>
        ReadIngests(c, "SELECT ref, backend_ref, expected FROM ingests WHERE namespace = $ns AND ref = $ref;", ("$ref", reference)))
        .FirstOrDefault();

    private List<IngestRow> ReadIngests(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, params (string, object?)[] parameters)
    {
        using var command = SqliteDatabase.Command(connection, null, sql, [("$ns", @namespace), .. parameters]);
        using var reader = command.ExecuteReader();
        var rows = new List<IngestRow>();
        while (reader.Read())
        {
            rows.Add(new IngestRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    // The backend writer is opened without the expected digest (see OpenWriterAsync), so the namespace's record has it.
    private static ContentStatus WithNamespaceView(ContentStatus status, IngestRow row) => status with
    {
        Ref = row.Ref,
        Expected = row.Expected is null ? status.Expected : Berth.Oci.Digest.Parse(row.Expected),
    };

    private sealed record IngestRow(string Ref, string BackendRef, string? Expected);

    /// <summary>The backend's name for an ingest: unique across namespaces, since a namespace has no '/'.</summary>
    internal string BackendRef(string reference) => $"{@namespace}/{Uri.EscapeDataString(reference)}";

    private NotFoundException IngestNotFound(string reference)
        => new($"ingest {reference} not found in namespace {@namespace}");
}
