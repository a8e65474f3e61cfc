using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using Berth.Core.Filters;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Linux;
using Berth.Storage.Snapshots.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Snapshots;

/// <summary>
/// What containerd's overlayfs and native backends share: every snapshot is a folder <c>{root}/snapshots/{id}</c>, and
/// its bookkeeping a row in <c>{root}/metadata.db</c>. A new folder is filled under a temporary name (<c>new-*</c>) and
/// renamed to its id inside the transaction that records it, so a crash leaves either both or an orphan folder, which
/// <see cref="CleanupAsync"/> removes. Keys are opaque: a metadata layer above maps namespaced keys onto them.
/// </summary>
[SupportedOSPlatform("linux")]
public abstract partial class LocalSnapshotter : ISnapshotter
{
    // Temporary folders of creates in progress, which cleanup must leave alone.
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    private protected LocalSnapshotter(string root, SnapshotMetaStore meta, ISyscalls syscalls, ILogger? logger)
    {
        Root = root;
        SnapshotsPath = Path.Combine(root, "snapshots");
        Meta = meta;
        Syscalls = syscalls;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The folder holding <c>metadata.db</c> and <c>snapshots/</c>.</summary>
    public string Root { get; }

    /// <summary>0755: the mode of a snapshot tree's root, as containerd gives it.</summary>
    private protected const UnixFileMode TreeRootMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private protected string SnapshotsPath { get; }

    private protected SnapshotMetaStore Meta { get; }

    private protected ISyscalls Syscalls { get; }

    private protected ILogger Logger { get; }

    /// <inheritdoc />
    public ValueTask<SnapshotInfo> StatAsync(string key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Meta.Get(key).ToInfo());

    /// <inheritdoc />
    public ValueTask<SnapshotInfo> UpdateAsync(SnapshotInfo info, IReadOnlyList<string>? fieldPaths = null,
        CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Meta.Update(info, fieldPaths).ToInfo());

    /// <inheritdoc />
    public ValueTask<SnapshotUsage> UsageAsync(string key, CancellationToken cancellationToken = default)
    {
        var record = Meta.Get(key);
        if (record.Kind == SnapshotKind.Active)
        {
            return ValueTask.FromResult(DiskUsage.Measure(DataPath(record.Id), Syscalls, cancellationToken));
        }

        if (record.Kind == SnapshotKind.Committed && record.Usage == SnapshotRecord.Unmeasured)
        {
            var usage = DiskUsage.Measure(DataPath(record.Id), Syscalls, cancellationToken);
            Meta.SetUsage(record.Id, usage);
            return ValueTask.FromResult(usage);
        }

        return ValueTask.FromResult(record.Usage);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(MountsOf(Meta.GetLayers(key)));

    /// <inheritdoc />
    public async IAsyncEnumerable<SnapshotInfo> WalkAsync(IReadOnlyList<string>? filters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = Filter.Parse(filters);
        foreach (var record in Meta.List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = record.ToInfo();
            if (filter.Match(SnapshotFields.Of(info)))
            {
                yield return info;
            }
        }
    }

    /// <summary>Whether a snapshot of this kind with this many ancestors has a folder of its own.</summary>
    private protected abstract bool HasFolder(SnapshotKind kind, int parentCount);

    /// <summary>Fills the new snapshot's temporary folder (layout, or a copy of the parent).</summary>
    private protected abstract void Populate(string folder, SnapshotKind kind, IReadOnlyList<long> parentIds, CancellationToken cancellationToken);

    /// <summary>The folder whose content is the snapshot's own data, which usage measures.</summary>
    private protected abstract string DataPath(long id);

    /// <summary>containerd's mounts for an active snapshot or view.</summary>
    private protected abstract IReadOnlyList<Mount> MountsOf(SnapshotLayers layers);

    /// <summary>Creates the backend's folders (0700) if needed and opens its bookkeeping.</summary>
    private protected static SnapshotMetaStore OpenFolders(string root)
    {
        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(root, owner);
        Directory.CreateDirectory(Path.Combine(root, "snapshots"), owner);
        return SnapshotMetaStore.Open(Path.Combine(root, "metadata.db"));
    }

    private protected string FolderOf(long id) => Path.Combine(SnapshotsPath, id.ToString(CultureInfo.InvariantCulture));
}
