using System.Runtime.Versioning;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Linux;
using Berth.Storage.Snapshots.Storage;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Snapshots.Native;

/// <summary>
/// containerd's native snapshotter, for filesystems overlay cannot use: an active snapshot is a full copy of its
/// parent, made at prepare, and mounted with a bind mount. A view of a committed snapshot binds the parent itself,
/// read-only, since committed snapshots never change. Disk layout (changing it requires a migration):<code>
/// {root}/metadata.db             bookkeeping (SnapshotMetaStore)
/// {root}/snapshots/{id}          the snapshot's whole tree
/// {root}/snapshots/new-*, rm-*   being created or removed; cleanup deletes them</code>
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NativeSnapshotter : LocalSnapshotter
{
    private NativeSnapshotter(string root, SnapshotMetaStore meta, ISyscalls syscalls, ILogger? logger)
        : base(root, meta, syscalls, logger)
    {
    }

    /// <summary>Opens (creating if needed) the snapshotter at <paramref name="root"/>.</summary>
    public static ValueTask<NativeSnapshotter> OpenAsync(string root, ISyscalls syscalls, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(new NativeSnapshotter(root, OpenFolders(root), syscalls, logger));
    }

    private protected override bool HasFolder(SnapshotKind kind, int parentCount)
        => kind == SnapshotKind.Active || parentCount == 0;

    private protected override string DataPath(long id) => FolderOf(id);

    private protected override void Populate(string folder, SnapshotKind kind, IReadOnlyList<long> parentIds,
        CancellationToken cancellationToken)
    {
        if (parentIds.Count == 0)
        {
            File.SetUnixFileMode(folder, TreeRootMode);
            return;
        }

        new TreeCopier(Syscalls, Logger).CopyTree(FolderOf(parentIds[0]), folder, cancellationToken);
    }

    private protected override IReadOnlyList<Mount> MountsOf(SnapshotLayers layers)
    {
        bool own = layers.ParentIds.Count == 0 || layers.Kind == SnapshotKind.Active;
        string source = own ? FolderOf(layers.Id) : FolderOf(layers.ParentIds[0]);
        return [new Mount("bind", source, ["rbind", layers.Kind == SnapshotKind.View ? "ro" : "rw"])];
    }
}
