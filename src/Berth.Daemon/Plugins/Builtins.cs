using Berth.Services;
using Berth.Services.Events;

namespace Berth.Daemon.Plugins;

/// <summary>Every plugin berthd contains, in load order (containerd's builtins.go).</summary>
internal static class Builtins
{
    public const string ContentType = "io.containerd.content.v1";
    public const string SnapshotterType = "io.containerd.snapshotter.v1";
    public const string DifferType = "io.containerd.differ.v1";
    public const string EventType = "io.containerd.event.v1";
    public const string MetadataType = "io.containerd.metadata.v1";
    public const string GcType = "io.containerd.gc.v1";
    public const string GrpcType = "io.containerd.grpc.v1";
    public const string TransferType = "io.containerd.transfer.v1";
    public const string RuntimeType = "io.containerd.runtime.v2";

    public static IReadOnlyList<PluginRegistration> All { get; } =
    [
        new(EventType, "exchange", [], (_, _) => ValueTask.FromResult<object>(new EventExchange())),
        StoragePlugins.Content,
        StoragePlugins.Overlay,
        StoragePlugins.Native,
        StoragePlugins.Differ,
        StoragePlugins.Metadata,
        StoragePlugins.GarbageCollector,
        TransferPlugin.Local,
        RuntimePlugin.Task,
        .. BerthGrpcServices.Names.Select(name => new PluginRegistration(GrpcType, name, [MetadataType, EventType],
            (_, _) => ValueTask.FromResult<object>(name))),
    ];
}
