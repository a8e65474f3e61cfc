using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

internal sealed partial class MetadataStore
{
    /// <summary>
    /// One immediate transaction around an asynchronous change, for the few changes that must call a backend
    /// while the records are locked (a snapshot commit renames in the backend and in the records at once).
    /// Other writers wait on SQLite's busy timeout meanwhile, so keep the backend call short.
    /// </summary>
    internal async ValueTask<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, ValueTask<T>> change)
    {
        using var connection = Database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = await change(connection, transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>Creates the namespace row if missing: any write through a scope makes its namespace exist.</summary>
    internal void EnsureNamespace(SqliteConnection connection, SqliteTransaction transaction, string @namespace)
        => SqliteDatabase.Execute(connection, transaction,
            "INSERT INTO namespaces (name, labels, created) VALUES ($ns, '{}', $now) ON CONFLICT(name) DO NOTHING;",
            ("$ns", @namespace), ("$now", Timestamps.ToStored(Now())));

    /// <summary>The next number of a named sequence, starting at 1.</summary>
    internal static long NextSequence(SqliteConnection connection, SqliteTransaction transaction, string name)
        => SqliteDatabase.Scalar(connection, transaction,
            """
            INSERT INTO sequences (name, value) VALUES ($name, 1)
            ON CONFLICT(name) DO UPDATE SET value = value + 1
            RETURNING value;
            """,
            ("$name", name));
}
