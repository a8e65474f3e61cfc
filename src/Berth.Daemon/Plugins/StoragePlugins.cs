using Berth.Storage.Content.Local;

namespace Berth.Daemon.Plugins;

/// <summary>The storage plugins: content, snapshotters, differ, metadata and its garbage collector.</summary>
internal static class StoragePlugins
{
    public static PluginRegistration Content { get; } = new(Builtins.ContentType, "content", [], async (context, ct) =>
    {
        string root = context.Setting("root_path", Path.Combine(context.Config.Root, "content"));
        context.Exports["root"] = root;
        return await LocalContentStore.OpenAsync(root, context.Syscalls, context.Loggers.CreateLogger<LocalContentStore>(), ct);
    });
}
