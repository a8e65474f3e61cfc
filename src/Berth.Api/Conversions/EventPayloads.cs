using System.Collections.Frozen;
using Berth.Core.Events;
using Containerd.Events;
using Containerd.Services.Images.V1;
using Google.Protobuf;

namespace Berth.Api.Conversions;

/// <summary>
/// An event message as the payload of an envelope, named by its bare protobuf name as containerd's typeurl does (ctr
/// and the Go client only decode that form).
/// </summary>
public static class EventPayloads
{
    // The names of the events berth publishes, written out: asking a message for its Descriptor builds the reflection
    // descriptors of its file and of every file it imports (gogo.proto, descriptor.proto), ~30 ms of CPU and a few
    // collections in a fresh process, which a shim paid at its first event while runc was starting the container.
    // EventPayloadsTests checks each name against the descriptor.
    private static readonly FrozenDictionary<Type, string> Names = new Dictionary<Type, string>
    {
        [typeof(TaskCreate)] = "containerd.events.TaskCreate",
        [typeof(TaskStart)] = "containerd.events.TaskStart",
        [typeof(TaskDelete)] = "containerd.events.TaskDelete",
        [typeof(TaskIO)] = "containerd.events.TaskIO",
        [typeof(TaskExit)] = "containerd.events.TaskExit",
        [typeof(TaskOOM)] = "containerd.events.TaskOOM",
        [typeof(TaskExecAdded)] = "containerd.events.TaskExecAdded",
        [typeof(TaskExecStarted)] = "containerd.events.TaskExecStarted",
        [typeof(TaskPaused)] = "containerd.events.TaskPaused",
        [typeof(TaskResumed)] = "containerd.events.TaskResumed",
        [typeof(TaskCheckpointed)] = "containerd.events.TaskCheckpointed",
        [typeof(ContainerCreate)] = "containerd.events.ContainerCreate",
        [typeof(ContainerUpdate)] = "containerd.events.ContainerUpdate",
        [typeof(ContainerDelete)] = "containerd.events.ContainerDelete",
        [typeof(ContentDelete)] = "containerd.events.ContentDelete",
        [typeof(NamespaceCreate)] = "containerd.events.NamespaceCreate",
        [typeof(NamespaceUpdate)] = "containerd.events.NamespaceUpdate",
        [typeof(NamespaceDelete)] = "containerd.events.NamespaceDelete",
        [typeof(SnapshotPrepare)] = "containerd.events.SnapshotPrepare",
        [typeof(SnapshotCommit)] = "containerd.events.SnapshotCommit",
        [typeof(SnapshotRemove)] = "containerd.events.SnapshotRemove",
        [typeof(ImageCreate)] = "containerd.services.images.v1.ImageCreate",
        [typeof(ImageUpdate)] = "containerd.services.images.v1.ImageUpdate",
        [typeof(ImageDelete)] = "containerd.services.images.v1.ImageDelete",
    }.ToFrozenDictionary();

    /// <summary>The types named without their descriptor (for tests).</summary>
    public static IReadOnlyDictionary<Type, string> KnownNames => Names;

    /// <summary>The message's protobuf full name, such as <c>containerd.events.TaskExit</c>.</summary>
    public static string TypeName(IMessage message)
        => Names.TryGetValue(message.GetType(), out var name) ? name : message.Descriptor.FullName;

    /// <summary>The message as an envelope's payload.</summary>
    public static EventPayload Of(IMessage message) => new(TypeName(message), message.ToByteArray());
}
