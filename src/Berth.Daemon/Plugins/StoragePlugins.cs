using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Snapshots;
using Berth.Storage.Content.Local;
using Berth.Storage.Diff;
using Berth.Storage.Metadata;
using Berth.Storage.Snapshots.Native;
using Berth.Storage.Snapshots.Overlay;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Plugins;

/// <summary>
/// The storage plugins: the content store, the snapshotters, the differ, and the metadata store over them with its
/// garbage collector. Paths follow DESIGN.md: &lt;root&gt;/content, &lt;root&gt;/snapshots/&lt;name&gt;, &lt;root&gt;/metadata.db.
/// </summary>
internal static class StoragePlugins
{
    public static PluginRegistration Content { get; } = new(Builtins.ContentType, "content", [], async (context, ct) =>
    {
        string root = context.Setting("root_path", Path.Combine(context.Config.Root, "content"));
        context.Exports["root"] = root;
        return await LocalContentStore.OpenAsync(root, context.Syscalls, context.Loggers.CreateLogger<LocalContentStore>(), ct);
    });

    public static PluginRegistration Overlay { get; } = new(Builtins.SnapshotterType, "overlayfs", [], async (context, ct) =>
    {
        string root = SnapshotterRoot(context, "overlayfs");
        if (!OverlaySnapshotter.IsSupported(root, context.Syscalls, context.Loggers.CreateLogger<OverlaySnapshotter>()))
        {
            throw new Core.Errors.UnimplementedException($"overlayfs cannot be mounted under {root}: use the native snapshotter");
        }

        return await OverlaySnapshotter.OpenAsync(root, context.Syscalls, context.Loggers.CreateLogger<OverlaySnapshotter>(), ct);
    });

    public static PluginRegistration Native { get; } = new(Builtins.SnapshotterType, "native", [], async (context, ct)
        => await NativeSnapshotter.OpenAsync(SnapshotterRoot(context, "native"), context.Syscalls,
            context.Loggers.CreateLogger<NativeSnapshotter>(), ct));

    /// <summary>The walking differ: applies and computes layers, given a namespace's content store.</summary>
    public static PluginRegistration Differ { get; } = new(Builtins.DifferType, "walking", [Builtins.ContentType], (context, _) =>
    {
        string scratch = Path.Combine(context.Config.State, "tmpmounts");
        Directory.CreateDirectory(scratch);
        var logger = context.Loggers.CreateLogger<DiffService>();
        var syscalls = context.Syscalls;
        return ValueTask.FromResult<object>(new Func<IContentStore, IDiffService>(content => new DiffService(content, syscalls, scratch, logger)));
    });

    public static PluginRegistration Metadata { get; } = new(Builtins.MetadataType, "sqlite",
        [Builtins.ContentType, Builtins.SnapshotterType, Builtins.DifferType], (context, _) =>
        {
            var content = context.Get<IContentStore>(Builtins.ContentType, "content");
            var differ = context.Get<Func<IContentStore, IDiffService>>(Builtins.DifferType, "walking");
            // The configured default snapshotter comes first: that is the order clients are told.
            var snapshotters = context.GetAll<ISnapshotter>(Builtins.SnapshotterType)
                .OrderBy(s => s.Id == context.Config.Snapshotter ? 0 : 1)
                .ToDictionary(s => s.Id, s => s.Instance);
            string path = Path.Combine(context.Config.Root, MetadataStore.FileName);
            context.Exports["root"] = context.Config.Root;
            context.Exports["path"] = path;
            context.Exports["default_snapshotter"] = snapshotters.Keys.FirstOrDefault() ?? string.Empty;
            return ValueTask.FromResult<object>(new MetadataStore(path, content, snapshotters, differ, context.Loggers.CreateLogger<MetadataStore>()));
        });

    /// <summary>Runs one collection at start (which also sweeps what a crash left) and then collects after deletes.</summary>
    public static PluginRegistration GarbageCollector { get; } = new(Builtins.GcType, "scheduler", [Builtins.MetadataType], async (context, ct) =>
    {
        var metadata = context.Get<MetadataStore>(Builtins.MetadataType, "sqlite");
        await metadata.StartAsync(ct);
        return metadata.GarbageCollector;
    });

    private static string SnapshotterRoot(PluginInitContext context, string name)
    {
        string root = context.Setting("root_path", Path.Combine(context.Config.Root, "snapshots", name));
        context.Exports["root"] = root;
        return root;
    }
}
