using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Errors;
using Berth.Core.Identifiers;
using Berth.Core.Metadata;
using Berth.Core.Namespaces;
using Berth.Core.Snapshots;
using Berth.Storage.Gc;
using Berth.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Metadata;

/// <summary>
/// containerd's metadata database over SQLite: namespaces, and per namespace content records, ingests, snapshot
/// records, images and leases, in front of one global content store and global snapshotters. The backends hold the
/// bytes; this store decides what each namespace sees and, through <see cref="GarbageCollector"/>, when the bytes
/// go. The schema is documented on <see cref="MetadataSchema"/>.
/// </summary>
internal sealed partial class MetadataStore : IMetadataStore, IAsyncDisposable
{
    /// <summary>The database file's name under the daemon's root.</summary>
    public const string FileName = "metadata.db";

    private readonly Func<IContentStore, IDiffService> _diffFactory;
    private readonly GcScheduler _scheduler;

    /// <param name="database">A database opened with <see cref="MetadataSchema.Migrations"/>.</param>
    /// <param name="backendSnapshotters">The global snapshotters by name, the default first.</param>
    public MetadataStore(SqliteDatabase database, IContentStore backendContent,
        IReadOnlyDictionary<string, ISnapshotter> backendSnapshotters, Func<IContentStore, IDiffService> diffFactory,
        ILogger? logger = null, TimeProvider? time = null)
    {
        long version = database.Read(c => SqliteDatabase.Scalar(c, null, "PRAGMA user_version;"));
        if (version != MetadataSchema.Migrations.Count)
        {
            throw new FailedPreconditionException(
                $"{database.Path} has schema version {version}, not {MetadataSchema.Migrations.Count}: open it with MetadataSchema.Migrations");
        }

        Database = database;
        BackendContent = backendContent;
        BackendSnapshotters = backendSnapshotters;
        Snapshotters = [.. backendSnapshotters.Keys];
        _diffFactory = diffFactory;
        Logger = logger ?? NullLogger.Instance;
        Time = time ?? TimeProvider.System;
        Namespaces = new NamespaceStore(this);
        GarbageCollector = new MetadataGarbageCollector(this);
        _scheduler = new GcScheduler(GarbageCollector.CollectAsync, ScheduleDelay, Time, Logger);
    }

    /// <summary>Opens (creating or migrating) the database at <paramref name="path"/>.</summary>
    public MetadataStore(string path, IContentStore backendContent, IReadOnlyDictionary<string, ISnapshotter> backendSnapshotters,
        Func<IContentStore, IDiffService> diffFactory, ILogger? logger = null, TimeProvider? time = null)
        : this(SqliteDatabase.Open(path, MetadataSchema.Migrations), backendContent, backendSnapshotters, diffFactory, logger, time)
    {
    }

    /// <summary>How long <see cref="IGarbageCollector.Schedule"/> waits for more requests before collecting.</summary>
    public static TimeSpan ScheduleDelay { get; } = TimeSpan.FromMilliseconds(100);

    public INamespaceStore Namespaces { get; }

    public IReadOnlyList<string> Snapshotters { get; }

    IGarbageCollector IMetadataStore.GarbageCollector => GarbageCollector;

    public MetadataGarbageCollector GarbageCollector { get; }

    internal SqliteDatabase Database { get; }

    internal IContentStore BackendContent { get; }

    internal IReadOnlyDictionary<string, ISnapshotter> BackendSnapshotters { get; }

    internal ILogger Logger { get; }

    internal TimeProvider Time { get; }

    /// <summary>Held shared around "backend write + record", exclusively by a collection.</summary>
    internal CollectionLock CollectionLock { get; } = new();

    public INamespaceScope ForNamespace(string @namespace, string? lease = null)
    {
        Identifier.Validate(@namespace, "namespace");
        if (lease is not null && lease.Length == 0)
        {
            lease = null;
        }

        return new NamespaceScope(this, @namespace, lease, _diffFactory);
    }

    /// <summary>
    /// Runs one collection, which also clears what a crash left in the backends, then starts collecting in the
    /// background on request.
    /// </summary>
    public async ValueTask<GcResult> StartAsync(CancellationToken cancellationToken = default)
    {
        var result = await GarbageCollector.CollectAsync(cancellationToken);
        _scheduler.Start();
        return result;
    }

    /// <summary>Stops the background collector (a collection under way is cancelled) and closes the pooled connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _scheduler.DisposeAsync();
        using var connection = Database.OpenConnection();
        SqliteConnection.ClearPool(connection);
    }

    internal void ScheduleCollection() => _scheduler.Schedule();

    internal DateTimeOffset Now() => Time.GetUtcNow();
}
