using Berth.Core.Content;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class NamespacedContentStore
{
    /// <summary>
    /// Before a write of known content: if this namespace has the blob, or the backend has it for another namespace
    /// (the "shared" policy), the namespace gets a record (and the scope's lease the blob) and the writer is refused
    /// with AlreadyExists, so that the client skips the transfer. Called with the collection lock held shared, so
    /// the backend blob cannot be swept between the check and the record.
    /// </summary>
    private async ValueTask AdoptExistingAsync(Digest expected, long expectedSize, CancellationToken cancellationToken)
    {
        bool known = store.Database.Write((c, t) =>
        {
            if (Read(c, t, expected) is null)
            {
                return false;
            }

            LeaseRows.Attach(c, t, @namespace, lease, LeaseRows.Content, expected.ToString());
            return true;
        });
        if (known)
        {
            throw ContentExists(expected);
        }

        ContentInfo backendInfo;
        try
        {
            backendInfo = await store.BackendContent.InfoAsync(expected, cancellationToken);
        }
        catch (NotFoundException)
        {
            return;
        }

        // A size mismatch is likely the caller's mistake; let the write go on and fail at commit.
        if (expectedSize != 0 && expectedSize != backendInfo.Size)
        {
            return;
        }

        store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            InsertRecord(c, t, @namespace, expected, backendInfo.Size, labels: null, store.Now());
            LeaseRows.Attach(c, t, @namespace, lease, LeaseRows.Content, expected.ToString());
        });
        throw ContentExists(expected);
    }

    /// <summary>Adds the namespace's record of a blob; false if it had one already.</summary>
    internal static bool InsertRecord(SqliteConnection connection, SqliteTransaction transaction, string @namespace,
        Digest digest, long size, IReadOnlyDictionary<string, string>? labels, DateTimeOffset created)
    {
        long now = Timestamps.ToStored(created);
        return SqliteDatabase.Execute(connection, transaction,
            """
            INSERT INTO content (namespace, digest, size, labels, created, updated)
            VALUES ($ns, $digest, $size, $labels, $now, $now)
            ON CONFLICT(namespace, digest) DO NOTHING;
            """,
            ("$ns", @namespace), ("$digest", digest.ToString()), ("$size", size),
            ("$labels", LabelsColumn.ToStored(labels)), ("$now", now)) > 0;
    }

    internal static AlreadyExistsException ContentExists(Digest digest)
        => new($"content {digest} already exists: use it as it is");
}
