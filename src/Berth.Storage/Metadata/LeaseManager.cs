using Berth.Core.Errors;
using Berth.Core.Filters;
using Berth.Core.Labels;
using Berth.Core.Leases;
using Berth.Oci;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.Storage.Metadata;

/// <summary>One namespace's leases (containerd's metadata/leases.go). An unexpired lease is a collection root.</summary>
internal sealed class LeaseManager(MetadataStore store, string @namespace) : ILeaseManager
{
    public ValueTask<Lease> CreateAsync(string id, IReadOnlyDictionary<string, string>? labels = null, CancellationToken cancellationToken = default)
    {
        ValidateId(id);
        LabelSet.Validate(labels);
        var lease = new Lease(id, store.Now()) { Labels = labels is null ? LabelSet.Empty : new Dictionary<string, string>(labels) };
        store.Database.Write((c, t) =>
        {
            store.EnsureNamespace(c, t, @namespace);
            int inserted = SqliteDatabase.Execute(c, t,
                "INSERT INTO leases (namespace, id, labels, created) VALUES ($ns, $id, $labels, $now) ON CONFLICT DO NOTHING;",
                ("$ns", @namespace), ("$id", id), ("$labels", LabelsColumn.ToStored(labels)),
                ("$now", Timestamps.ToStored(lease.CreatedAt)));
            if (inserted == 0)
            {
                throw new AlreadyExistsException($"lease {id} already exists in namespace {@namespace}: pick another id");
            }
        });
        return ValueTask.FromResult(lease);
    }

    public async ValueTask DeleteAsync(string id, bool synchronous = false, CancellationToken cancellationToken = default)
    {
        store.Database.Write((c, t) =>
        {
            if (SqliteDatabase.Execute(c, t, "DELETE FROM leases WHERE namespace = $ns AND id = $id;", ("$ns", @namespace), ("$id", id)) == 0)
            {
                throw NotFound(id);
            }
        });
        // Only a synchronous delete collects. Every client deletes its lease when an operation ends (a pull, say):
        // collecting then would take what another client made without a lease a moment ago, such as a snapshot ctr
        // prepared. containerd, too, leaves that garbage to a later collection.
        if (synchronous)
        {
            await store.GarbageCollector.CollectAsync(cancellationToken);
        }
    }

    public IAsyncEnumerable<Lease> ListAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        var leases = store.Database.Read(c =>
        {
            using var command = SqliteDatabase.Command(c, null,
                "SELECT id, labels, created FROM leases WHERE namespace = $ns ORDER BY id;", ("$ns", @namespace));
            using var reader = command.ExecuteReader();
            var all = new List<Lease>();
            while (reader.Read())
            {
                all.Add(new Lease(reader.GetString(0), Timestamps.FromStored(reader.GetInt64(2)))
                {
                    Labels = LabelsColumn.FromStored(reader.GetString(1)),
                });
            }

            return all;
        });
        return leases.Where(lease => filter.Match(path => path switch
        {
            ["id"] => lease.Id,
            ["labels", ..] => FieldLookups.FromMap(path, 1, lease.Labels),
            _ => null,
        })).ToAsyncEnumerable();
    }

    public ValueTask AddResourceAsync(string id, LeaseResource resource, CancellationToken cancellationToken = default)
    {
        var (type, resourceId) = Normalize(resource);
        store.Database.Write((c, t) =>
        {
            RequireLease(c, t, id);
            LeaseRows.Attach(c, t, @namespace, id, type, resourceId);
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteResourceAsync(string id, LeaseResource resource, CancellationToken cancellationToken = default)
    {
        var (type, resourceId) = Normalize(resource);
        store.Database.Write((c, t) =>
        {
            RequireLease(c, t, id);
            LeaseRows.Detach(c, t, @namespace, id, type, resourceId);
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<LeaseResource>> ListResourcesAsync(string id, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<LeaseResource>>(store.Database.Read(c =>
        {
            RequireLease(c, null, id);
            using var command = SqliteDatabase.Command(c, null,
                "SELECT type, id FROM lease_resources WHERE namespace = $ns AND lease = $lease ORDER BY type, id;",
                ("$ns", @namespace), ("$lease", id));
            using var reader = command.ExecuteReader();
            var resources = new List<LeaseResource>();
            while (reader.Read())
            {
                resources.Add(new LeaseResource(reader.GetString(1), reader.GetString(0)));
            }

            return resources;
        }));

    /// <summary>Checks a resource's type and id as containerd's parseLeaseResource does.</summary>
    private static (string Type, string Id) Normalize(LeaseResource resource)
    {
        string type = resource.Type ?? string.Empty;
        if (string.IsNullOrEmpty(resource.Id))
        {
            throw new InvalidArgumentException($"a {type} lease resource needs an id");
        }

        switch (type)
        {
            case LeaseRows.Content:
                return Digest.TryParse(resource.Id, out var digest)
                    ? (type, digest.ToString())
                    : throw new InvalidArgumentException($"content lease resource {resource.Id} is not a digest");
            case LeaseRows.Ingests or LeaseRows.Images:
                return (type, resource.Id);
            case var _ when type.StartsWith(LeaseRows.SnapshotsPrefix, StringComparison.Ordinal)
                && type.Length > LeaseRows.SnapshotsPrefix.Length && !type[LeaseRows.SnapshotsPrefix.Length..].Contains('/'):
                return (type, resource.Id);
            default:
                throw new InvalidArgumentException(
                    $"lease resource type {type} is not supported: use content, ingests, images or snapshots/<snapshotter>");
        }
    }

    private void RequireLease(SqliteConnection connection, SqliteTransaction? transaction, string id)
    {
        if (!LeaseRows.Exists(connection, transaction, @namespace, id))
        {
            throw NotFound(id);
        }
    }

    private NotFoundException NotFound(string id) => new($"lease {id} not found in namespace {@namespace}");

    // containerd only asks for a non-empty id: its clients make random ones such as "450904665--7bS", which the
    // stricter identifier rule of namespaces would refuse.
    private static void ValidateId(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1024 || id.Any(char.IsControl))
        {
            throw new InvalidArgumentException($"lease id \"{id}\" is invalid: give a non-empty name of printable characters, at most 1024");
        }
    }
}
