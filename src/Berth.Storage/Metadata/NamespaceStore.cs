using Berth.Core.Errors;
using Berth.Core.Identifiers;
using Berth.Core.Labels;
using Berth.Core.Namespaces;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>The namespaces table (containerd's metadata/namespaces.go).</summary>
internal sealed class NamespaceStore(MetadataStore store) : INamespaceStore
{
    public ValueTask CreateAsync(string name, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        Identifier.Validate(name, "namespace");
        LabelSet.Validate(labels);
        store.Database.Write((c, t) =>
        {
            int inserted = SqliteDatabase.Execute(c, t,
                "INSERT INTO namespaces (name, labels, created) VALUES ($ns, $labels, $now) ON CONFLICT(name) DO NOTHING;",
                ("$ns", name), ("$labels", LabelsColumn.ToStored(labels)), ("$now", Timestamps.ToStored(store.Now())));
            if (inserted == 0)
            {
                throw new AlreadyExistsException($"namespace {name} already exists: pick another name");
            }
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyDictionary<string, string>> GetLabelsAsync(string name, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(store.Database.Read(c => ReadLabels(c, null, name)));

    /// <summary>As containerd, setting a label on a namespace that does not exist creates it.</summary>
    public ValueTask SetLabelAsync(string name, string key, string value, CancellationToken cancellationToken = default)
    {
        Identifier.Validate(name, "namespace");
        LabelSet.Validate(new Dictionary<string, string> { [key] = value });
        store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, name);
            var labels = new Dictionary<string, string>(ReadLabels(c, t, name));
            if (value.Length == 0)
            {
                labels.Remove(key);
            }
            else
            {
                labels[key] = value;
            }

            SqliteDatabase.Execute(c, t, "UPDATE namespaces SET labels = $labels WHERE name = $ns;",
                ("$ns", name), ("$labels", LabelsColumn.ToStored(labels)));
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<string>>(store.Database.Read(c =>
        {
            using var command = SqliteDatabase.Command(c, null, "SELECT name FROM namespaces ORDER BY name;");
            using var reader = command.ExecuteReader();
            var names = new List<string>();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }));

    public ValueTask DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        bool hadIngests = store.Database.Write((c, t) =>
        {
            if (SqliteDatabase.Scalar(c, t, "SELECT 1 FROM namespaces WHERE name = $ns;", ("$ns", name)) != 1)
            {
                throw new NotFoundException($"namespace {name} does not exist");
            }

            var remaining = Remaining(c, t, name);
            if (remaining.Count > 0)
            {
                throw new FailedPreconditionException(
                    $"namespace {name} must be empty, but it still has {string.Join(", ", remaining)}: remove them first");
            }

            // Ingests under way go with the namespace; the collector aborts them in the backend.
            int ingests = SqliteDatabase.Execute(c, t, "DELETE FROM ingests WHERE namespace = $ns;", ("$ns", name));
            SqliteDatabase.Execute(c, t, "DELETE FROM namespaces WHERE name = $ns;", ("$ns", name));
            return ingests > 0;
        });
        if (hadIngests)
        {
            store.ScheduleCollection();
        }

        return ValueTask.CompletedTask;
    }

    private static List<string> Remaining(SqliteConnection connection, SqliteTransaction transaction, string name)
    {
        var remaining = new List<string>();
        (string Table, string What)[] kinds =
            [("images", "images"), ("content", "blobs"), ("containers", "containers"), ("snapshots", "snapshots"), ("leases", "leases")];
        foreach (var (table, what) in kinds)
        {
            if (SqliteDatabase.Scalar(connection, transaction, $"SELECT 1 FROM {table} WHERE namespace = $ns LIMIT 1;", ("$ns", name)) == 1)
            {
                remaining.Add(what);
            }
        }

        return remaining;
    }

    private static IReadOnlyDictionary<string, string> ReadLabels(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = SqliteDatabase.Command(connection, transaction, "SELECT labels FROM namespaces WHERE name = $ns;", ("$ns", name));
        return command.ExecuteScalar() is string json
            ? LabelsColumn.FromStored(json)
            : throw new NotFoundException($"namespace {name} does not exist");
    }
}
