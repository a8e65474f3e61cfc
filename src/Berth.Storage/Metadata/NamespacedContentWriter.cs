using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Core.Labels;
using Berth.Oci;
using Berth.Storage.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>
/// A namespace's writer over a backend writer: bytes go straight to the backend ingest; the commit records the blob
/// in the namespace (containerd's namespacedWriter).
/// </summary>
internal sealed class NamespacedContentWriter(
    MetadataStore store, string @namespace, string? lease, string reference, IContentWriter backend) : IContentWriter
{
    public string Ref => reference;

    public Digest Digest => backend.Digest;

    public async ValueTask<ContentStatus> StatusAsync(CancellationToken cancellationToken = default)
        => await backend.StatusAsync(cancellationToken) with { Ref = reference };

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        => backend.WriteAsync(data, cancellationToken);

    public ValueTask TruncateAsync(long size, CancellationToken cancellationToken = default)
        => backend.TruncateAsync(size, cancellationToken);

    /// <summary>
    /// Commits in the backend, then records the blob, drops the ingest record and moves the scope's lease from the
    /// ingest to the blob, in one transaction. The collection lock is held shared throughout, so a collection cannot
    /// see the committed blob before its record.
    /// </summary>
    public async ValueTask CommitAsync(long size, Digest? expected, IReadOnlyDictionary<string, string>? labels = null,
        CancellationToken cancellationToken = default)
    {
        LabelSet.Validate(labels);
        using var shared = await store.CollectionLock.SharedAsync(cancellationToken);
        var written = backend.Digest;
        bool existed = false;
        try
        {
            await backend.CommitAsync(size, expected, labels: null, cancellationToken);
            written = backend.Digest;
        }
        catch (AlreadyExistsException)
        {
            existed = true;
        }

        var digest = expected ?? written;
        long committedSize = (await store.BackendContent.InfoAsync(digest, cancellationToken)).Size;
        store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            NamespacedContentStore.InsertRecord(c, t, @namespace, digest, committedSize, labels, store.Now());
            SqliteDatabase.Execute(c, t, "DELETE FROM ingests WHERE namespace = $ns AND ref = $ref;",
                ("$ns", @namespace), ("$ref", reference));
            LeaseRows.Detach(c, t, @namespace, lease, LeaseRows.Ingests, reference);
            LeaseRows.Attach(c, t, @namespace, lease, LeaseRows.Content, digest.ToString());
        });

        // This writer's bytes became the blob: that is a successful commit even if a parallel writer of the same content,
        // finding the blob already there, recorded it in this namespace first.
        if (existed)
        {
            throw NamespacedContentStore.ContentExists(digest);
        }
    }

    public ValueTask DisposeAsync() => backend.DisposeAsync();
}
