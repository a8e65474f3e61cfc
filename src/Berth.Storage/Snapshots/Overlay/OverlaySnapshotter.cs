using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Core.Snapshots;
using Berth.Linux;
using Berth.Storage.Snapshots.Storage;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Snapshots.Overlay;

/// <summary>
/// containerd's overlayfs snapshotter. Disk layout (changing it requires a migration):<code>
/// {root}/metadata.db             bookkeeping (SnapshotMetaStore)
/// {root}/snapshots/{id}/fs       the snapshot's own changes: upperdir while active, a lowerdir once committed
/// {root}/snapshots/{id}/work     overlay's workdir (active snapshots only)
/// {root}/snapshots/new-*, rm-*   being created or removed; cleanup deletes them</code>
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class OverlaySnapshotter : LocalSnapshotter
{
    // As containerd: a kernel with inode index support gets index=off, so that layers can be mounted under several
    // overlays (and the same upperdir reused after a crash) without "already in use" refusals.
    private static readonly bool KernelHasIndex = File.Exists("/sys/module/overlay/parameters/index");

    // 0711 for overlay's private workdir, as containerd.
    private const UnixFileMode WorkMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private OverlaySnapshotter(string root, SnapshotMetaStore meta, ISyscalls syscalls, ILogger? logger)
        : base(root, meta, syscalls, logger)
    {
    }

    /// <summary>Opens (creating if needed) the snapshotter at <paramref name="root"/>.</summary>
    public static ValueTask<OverlaySnapshotter> OpenAsync(string root, ISyscalls syscalls, ILogger? logger = null,
        CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(new OverlaySnapshotter(root, OpenFolders(root), syscalls, logger));
    }

    private protected override bool HasFolder(SnapshotKind kind, int parentCount) => true;

    private protected override string DataPath(long id) => Path.Combine(FolderOf(id), "fs");

    private string WorkPath(long id) => Path.Combine(FolderOf(id), "work");

    private protected override void Populate(string folder, SnapshotKind kind, IReadOnlyList<long> parentIds,
        CancellationToken cancellationToken)
    {
        string fs = Path.Combine(folder, "fs");
        MakeFolder(fs, TreeRootMode);
        if (kind == SnapshotKind.Active)
        {
            MakeFolder(Path.Combine(folder, "work"), WorkMode);
        }

        if (parentIds.Count > 0)
        {
            // The root of the merged tree takes its owner from the upperdir: keep the parent's.
            var parent = Syscalls.Lstat(DataPath(parentIds[0]))
                ?? throw new NotFoundException($"folder of parent snapshot {parentIds[0]} is missing under {SnapshotsPath}: remove the snapshots built on it");
            Syscalls.Lchown(fs, parent.Uid, parent.Gid);
        }
    }

    private protected override IReadOnlyList<Mount> MountsOf(SnapshotLayers layers)
    {
        if (layers.ParentIds.Count == 0)
        {
            // overlay needs at least one lowerdir: a base layer is the folder itself.
            return [new Mount("bind", DataPath(layers.Id), [layers.Kind == SnapshotKind.View ? "ro" : "rw", "rbind"])];
        }

        if (layers.Kind == SnapshotKind.View && layers.ParentIds.Count == 1)
        {
            return [new Mount("bind", DataPath(layers.ParentIds[0]), ["ro", "rbind"])];
        }

        var options = new List<string>();
        if (KernelHasIndex)
        {
            options.Add("index=off");
        }

        if (layers.Kind == SnapshotKind.Active)
        {
            options.Add($"workdir={WorkPath(layers.Id)}");
            options.Add($"upperdir={DataPath(layers.Id)}");
        }

        // A view has no upperdir, which makes the overlay read-only by itself; containerd adds no "ro".
        options.Add("lowerdir=" + string.Join(':', layers.ParentIds.Select(DataPath)));
        return [new Mount("overlay", "overlay", options)];
    }

    private static void MakeFolder(string path, UnixFileMode mode)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, mode);
    }
}
