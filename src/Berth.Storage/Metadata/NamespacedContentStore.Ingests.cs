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
        string backendRef = store.Database.Read(c =>
        {
            using var command = SqliteDatabase.Command(c, null,
                "SELECT backend_ref FROM ingests WHERE namespace = $ns AND ref = $ref;", ("$ns", @namespace), ("$ref", reference));
            return command.ExecuteScalar() as string;
        }) ?? throw IngestNotFound(reference);
        try
        {
            var status = await store.BackendContent.StatusAsync(backendRef, cancellationToken);
            return status with { Ref = reference };
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
        var refs = store.Database.Read(c =>
        {
            using var command = SqliteDatabase.Command(c, null,
                "SELECT ref, backend_ref FROM ingests WHERE namespace = $ns ORDER BY ref;", ("$ns", @namespace));
            using var reader = command.ExecuteReader();
            var all = new List<(string Ref, string BackendRef)>();
            while (reader.Read())
            {
                all.Add((reader.GetString(0), reader.GetString(1)));
            }

            return all;
        });
        foreach (var (reference, backendRef) in refs)
        {
            ContentStatus status;
            try
            {
                status = await store.BackendContent.StatusAsync(backendRef, cancellationToken);
            }
            catch (NotFoundException)
            {
                continue;
            }

            if (filter.Match(path => path is ["ref"] ? reference : null))
            {
                yield return status with { Ref = reference };
            }
        }
    }

    public async ValueTask AbortAsync(string reference, CancellationToken cancellationToken = default)
    {
        string backendRef = store.Database.Write((c, t) =>
        {
            using var command = SqliteDatabase.Command(c, t,
                "DELETE FROM ingests WHERE namespace = $ns AND ref = $ref RETURNING backend_ref;",
                ("$ns", @namespace), ("$ref", reference));
            var found = command.ExecuteScalar() as string ?? throw IngestNotFound(reference);
            LeaseRows.Detach(c, t, @namespace, lease, LeaseRows.Ingests, reference);
            return found;
        });
        try
        {
            await store.BackendContent.AbortAsync(backendRef, cancellationToken);
        }
        catch (NotFoundException)
        {
            // Nothing was written yet, or the collector was first.
        }
    }

    /// <summary>The backend's name for an ingest: unique across namespaces, since a namespace has no '/'.</summary>
    internal string BackendRef(string reference) => $"{@namespace}/{Uri.EscapeDataString(reference)}";

    private NotFoundException IngestNotFound(string reference)
        => new($"ingest {reference} not found in namespace {@namespace}");
}
