using Berth.Core.Errors;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>The lease resource types, and the rows that attach resources to leases.</summary>
internal static class LeaseRows
{
    public const string Content = "content";
    public const string Ingests = "ingests";
    public const string Images = "images";
    public const string SnapshotsPrefix = "snapshots/";

    public static string Snapshots(string snapshotter) => SnapshotsPrefix + snapshotter;

    /// <summary>Attaches a resource to the scope's lease, if it has one; NotFound if that lease does not exist.</summary>
    public static void Attach(SqliteConnection connection, SqliteTransaction transaction, string @namespace, string? lease,
        string type, string id)
    {
        if (lease is null)
        {
            return;
        }

        if (!Exists(connection, transaction, @namespace, lease))
        {
            throw new NotFoundException(
                $"lease {lease} does not exist in namespace {@namespace}: create it first, or write without it");
        }

        SqliteDatabase.Execute(connection, transaction,
            """
            INSERT INTO lease_resources (namespace, lease, type, id) VALUES ($ns, $lease, $type, $id)
            ON CONFLICT DO NOTHING;
            """,
            ("$ns", @namespace), ("$lease", lease), ("$type", type), ("$id", id));
    }

    /// <summary>Detaches a resource from the scope's lease, if it has one.</summary>
    public static void Detach(SqliteConnection connection, SqliteTransaction transaction, string @namespace, string? lease,
        string type, string id)
    {
        if (lease is null)
        {
            return;
        }

        SqliteDatabase.Execute(connection, transaction,
            "DELETE FROM lease_resources WHERE namespace = $ns AND lease = $lease AND type = $type AND id = $id;",
            ("$ns", @namespace), ("$lease", lease), ("$type", type), ("$id", id));
    }

    public static bool Exists(SqliteConnection connection, SqliteTransaction? transaction, string @namespace, string lease)
        => SqliteDatabase.Scalar(connection, transaction,
            "SELECT 1 FROM leases WHERE namespace = $ns AND id = $id;", ("$ns", @namespace), ("$id", lease)) == 1;
}
