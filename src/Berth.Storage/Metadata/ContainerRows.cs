using Berth.Core.Containers;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>The rows of a container record: one in <c>containers</c>, one per extension in <c>container_extensions</c>.</summary>
internal static class ContainerRows
{
    private const string Columns =
        "id, image, runtime, runtime_options_type, runtime_options, spec_type, spec, snapshotter, snapshot_key, sandbox, labels, "
        + "created, updated";

    public static Container? Find(SqliteConnection connection, SqliteTransaction? transaction, string @namespace, string id)
        => Read(connection, transaction, @namespace, id).SingleOrDefault();

    /// <summary>Every container of the namespace, by id.</summary>
    public static List<Container> All(SqliteConnection connection, string @namespace) => Read(connection, null, @namespace, null);

    /// <summary>Writes the record whole: the row is inserted or replaced, and the extensions replaced.</summary>
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, string @namespace, Container container)
    {
        SqliteDatabase.Execute(connection, transaction,
            """
            INSERT INTO containers (namespace, id, image, runtime, runtime_options_type, runtime_options, spec_type, spec,
                snapshotter, snapshot_key, sandbox, labels, created, updated)
            VALUES ($ns, $id, $image, $runtime, $optionsType, $options, $specType, $spec,
                $snapshotter, $snapshotKey, $sandbox, $labels, $created, $updated)
            ON CONFLICT(namespace, id) DO UPDATE SET image = $image, runtime = $runtime, runtime_options_type = $optionsType,
                runtime_options = $options, spec_type = $specType, spec = $spec, snapshotter = $snapshotter,
                snapshot_key = $snapshotKey, sandbox = $sandbox, labels = $labels, updated = $updated;
            """,
            ("$ns", @namespace), ("$id", container.Id), ("$image", container.Image), ("$runtime", container.Runtime.Name),
            ("$optionsType", container.Runtime.Options?.TypeUrl), ("$options", container.Runtime.Options?.Value.ToArray()),
            ("$specType", container.Spec!.TypeUrl), ("$spec", container.Spec.Value.ToArray()),
            ("$snapshotter", container.Snapshotter), ("$snapshotKey", container.SnapshotKey), ("$sandbox", container.Sandbox),
            ("$labels", LabelsColumn.ToStored(container.Labels)),
            ("$created", Timestamps.ToStored(container.CreatedAt)), ("$updated", Timestamps.ToStored(container.UpdatedAt)));

        SqliteDatabase.Execute(connection, transaction, "DELETE FROM container_extensions WHERE namespace = $ns AND container = $id;",
            ("$ns", @namespace), ("$id", container.Id));
        foreach (var (name, extension) in container.Extensions)
        {
            SqliteDatabase.Execute(connection, transaction,
                """
                INSERT INTO container_extensions (namespace, container, name, type_url, value)
                VALUES ($ns, $id, $name, $typeUrl, $value);
                """,
                ("$ns", @namespace), ("$id", container.Id), ("$name", name), ("$typeUrl", extension.TypeUrl),
                ("$value", extension.Value.ToArray()));
        }
    }

    /// <summary>Deletes the record (its extensions go by cascade); whether there was one.</summary>
    public static bool Delete(SqliteConnection connection, SqliteTransaction transaction, string @namespace, string id)
        => SqliteDatabase.Execute(connection, transaction, "DELETE FROM containers WHERE namespace = $ns AND id = $id;",
            ("$ns", @namespace), ("$id", id)) > 0;

    private static List<Container> Read(SqliteConnection connection, SqliteTransaction? transaction, string @namespace, string? id)
    {
        var extensions = ReadExtensions(connection, transaction, @namespace, id);
        using var command = SqliteDatabase.Command(connection, transaction,
            $"SELECT {Columns} FROM containers WHERE namespace = $ns AND ($id IS NULL OR id = $id) ORDER BY id;",
            ("$ns", @namespace), ("$id", id));
        using var reader = command.ExecuteReader();
        var containers = new List<Container>();
        while (reader.Read())
        {
            string containerId = reader.GetString(0);
            containers.Add(new Container(containerId)
            {
                Image = reader.GetString(1),
                Runtime = new ContainerRuntime(reader.GetString(2), reader.IsDBNull(3) ? null : Packed(reader, 3)),
                Spec = Packed(reader, 5),
                Snapshotter = reader.GetString(7),
                SnapshotKey = reader.GetString(8),
                Sandbox = reader.GetString(9),
                Labels = LabelsColumn.FromStored(reader.GetString(10)),
                CreatedAt = Timestamps.FromStored(reader.GetInt64(11)),
                UpdatedAt = Timestamps.FromStored(reader.GetInt64(12)),
                Extensions = extensions.TryGetValue(containerId, out var own) ? own : Container.EmptyExtensions,
            });
        }

        return containers;
    }

    private static Dictionary<string, Dictionary<string, PackedMessage>> ReadExtensions(SqliteConnection connection,
        SqliteTransaction? transaction, string @namespace, string? id)
    {
        using var command = SqliteDatabase.Command(connection, transaction,
            "SELECT container, name, type_url, value FROM container_extensions WHERE namespace = $ns AND ($id IS NULL OR container = $id);",
            ("$ns", @namespace), ("$id", id));
        using var reader = command.ExecuteReader();
        var byContainer = new Dictionary<string, Dictionary<string, PackedMessage>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            string container = reader.GetString(0);
            if (!byContainer.TryGetValue(container, out var extensions))
            {
                extensions = new Dictionary<string, PackedMessage>(StringComparer.Ordinal);
                byContainer.Add(container, extensions);
            }

            extensions[reader.GetString(1)] = Packed(reader, 2);
        }

        return byContainer;
    }

    /// <summary>A packed message from a type URL column and the value column after it.</summary>
    private static PackedMessage Packed(SqliteDataReader reader, int typeColumn)
        => new(reader.GetString(typeColumn),
            reader.IsDBNull(typeColumn + 1) ? Array.Empty<byte>() : reader.GetFieldValue<byte[]>(typeColumn + 1));
}
