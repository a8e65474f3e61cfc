namespace Berth.Storage.Metadata;

/// <summary>
/// The tables of <c>&lt;root&gt;/metadata.db</c>, which <see cref="MetadataStore"/> owns. Every object but a
/// namespace belongs to exactly one namespace, and the namespace is the first column of its key.
/// <code>
/// namespaces       name PK, labels (JSON object), created
/// content          (namespace, digest) PK, size, labels, created, updated
///                  one row per blob a namespace can see; the bytes are in the backend content store, shared.
///                  index content_digest (digest): "does any namespace still reference this blob?"
/// ingests          (namespace, ref) PK, backend_ref UNIQUE, expected (digest or NULL), leased (0|1), updated
///                  a write under way: the backend ingest is backend_ref = "&lt;namespace&gt;/&lt;escaped ref&gt;".
///                  An unleased ingest is kept 24 h after its last activity, a leased one as long as its lease.
/// snapshots        (namespace, snapshotter, key) PK, backend_key, parent (key in the same namespace and
///                  snapshotter, or NULL), kind (SnapshotKind), labels, created, updated
///                  backend_key = "&lt;namespace&gt;/&lt;seq&gt;/&lt;key&gt;" names the snapshot in the backend, unique per
///                  snapshotter (index snapshots_backend); (namespace, snapshotter, parent) references a row, so
///                  a parent cannot go before its children (index snapshots_parent).
/// images           (namespace, name) PK, media_type, digest, size, annotations (JSON object), labels, created, updated
///                  the target descriptor's platform and urls are not kept, as in containerd.
/// leases           (namespace, id) PK, labels, created
/// lease_resources  (namespace, lease, type, id) PK; (namespace, lease) references leases ON DELETE CASCADE
///                  type is content | ingests | snapshots/&lt;snapshotter&gt; | images; the resource need not exist.
/// sequences        name PK, value: "snapshots" numbers backend snapshot keys.
/// containers       (namespace, id) PK, image, runtime, runtime_options_type + runtime_options (both NULL when
///                  none), spec_type + spec (a packed Any, never decoded), snapshotter, snapshot_key, sandbox
///                  ('' when none), labels, created, updated
/// container_extensions (namespace, container, name) PK, type_url, value; (namespace, container) references
///                  containers ON DELETE CASCADE
/// </code>
/// Times are UTC ticks (<see cref="Sqlite.Timestamps"/>), labels JSON objects (<see cref="Sqlite.LabelsColumn"/>),
/// digests their string form. Migration rule: the schema version is <c>PRAGMA user_version</c>; migration
/// <c>i</c> takes a file from version <c>i</c> to <c>i + 1</c>. Migrations are only ever appended, never edited,
/// and this comment is updated with each one, so that it always shows the latest schema.
/// </summary>
internal static class MetadataSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        CREATE TABLE namespaces (
            name TEXT NOT NULL PRIMARY KEY,
            labels TEXT NOT NULL,
            created INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE content (
            namespace TEXT NOT NULL REFERENCES namespaces(name),
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            labels TEXT NOT NULL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (namespace, digest)
        ) WITHOUT ROWID;
        CREATE INDEX content_digest ON content(digest);
        CREATE TABLE ingests (
            namespace TEXT NOT NULL REFERENCES namespaces(name),
            ref TEXT NOT NULL,
            backend_ref TEXT NOT NULL UNIQUE,
            expected TEXT,
            leased INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (namespace, ref)
        ) WITHOUT ROWID;
        CREATE TABLE snapshots (
            namespace TEXT NOT NULL REFERENCES namespaces(name),
            snapshotter TEXT NOT NULL,
            key TEXT NOT NULL,
            backend_key TEXT NOT NULL,
            parent TEXT,
            kind INTEGER NOT NULL,
            labels TEXT NOT NULL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (namespace, snapshotter, key),
            FOREIGN KEY (namespace, snapshotter, parent) REFERENCES snapshots(namespace, snapshotter, key)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX snapshots_backend ON snapshots(snapshotter, backend_key);
        CREATE INDEX snapshots_parent ON snapshots(namespace, snapshotter, parent);
        CREATE TABLE images (
            namespace TEXT NOT NULL REFERENCES namespaces(name),
            name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            annotations TEXT NOT NULL,
            labels TEXT NOT NULL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (namespace, name)
        ) WITHOUT ROWID;
        CREATE TABLE leases (
            namespace TEXT NOT NULL REFERENCES namespaces(name),
            id TEXT NOT NULL,
            labels TEXT NOT NULL,
            created INTEGER NOT NULL,
            PRIMARY KEY (namespace, id)
        ) WITHOUT ROWID;
        CREATE TABLE lease_resources (
            namespace TEXT NOT NULL,
            lease TEXT NOT NULL,
            type TEXT NOT NULL,
            id TEXT NOT NULL,
            PRIMARY KEY (namespace, lease, type, id),
            FOREIGN KEY (namespace, lease) REFERENCES leases(namespace, id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE TABLE sequences (
            name TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE containers (
            namespace TEXT NOT NULL REFERENCES namespaces(name),
            id TEXT NOT NULL,
            image TEXT NOT NULL,
            runtime TEXT NOT NULL,
            runtime_options_type TEXT,
            runtime_options BLOB,
            spec_type TEXT NOT NULL,
            spec BLOB NOT NULL,
            snapshotter TEXT NOT NULL,
            snapshot_key TEXT NOT NULL,
            sandbox TEXT NOT NULL,
            labels TEXT NOT NULL,
            created INTEGER NOT NULL,
            updated INTEGER NOT NULL,
            PRIMARY KEY (namespace, id)
        ) WITHOUT ROWID;
        CREATE TABLE container_extensions (
            namespace TEXT NOT NULL,
            container TEXT NOT NULL,
            name TEXT NOT NULL,
            type_url TEXT NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (namespace, container, name),
            FOREIGN KEY (namespace, container) REFERENCES containers(namespace, id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        """,
    ];
}
