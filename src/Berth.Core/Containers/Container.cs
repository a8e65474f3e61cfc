using Berth.Core.Labels;

namespace Berth.Core.Containers;

/// <summary>
/// The record of a container (containerd's containers.Container): what a task is made from. A container is a
/// collection root: it keeps its snapshot and whatever its <c>containerd.io/gc.ref.*</c> labels name.
/// </summary>
/// <param name="Id">Unique in its namespace; an identifier (letters and digits joined by '.', '_' or '-'); never changes.</param>
public sealed record Container(string Id)
{
    /// <summary>Labels; all of them may change.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = LabelSet.Empty;

    /// <summary>The reference of the image the container was made from; empty if none. May change.</summary>
    public string Image { get; init; } = string.Empty;

    /// <summary>The runtime; required, and never changes.</summary>
    public ContainerRuntime Runtime { get; init; } = ContainerRuntime.None;

    /// <summary>The runtime's spec (an OCI runtime spec for runc), as the client packed it; required, may change.</summary>
    public PackedMessage? Spec { get; init; }

    /// <summary>The snapshotter of <see cref="SnapshotKey"/>; required with a key, never changes.</summary>
    public string Snapshotter { get; init; } = string.Empty;

    /// <summary>The key of the snapshot the root filesystem is mounted from; empty when the rootfs is no snapshot. May change.</summary>
    public string SnapshotKey { get; init; } = string.Empty;

    /// <summary>The sandbox the container belongs to (containerd 1.7); empty if none. Never changes, and not on the 1.6 wire.</summary>
    public string Sandbox { get; init; } = string.Empty;

    /// <summary>When the container was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the container was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Client-defined data by name, as the clients packed it; may change.</summary>
    public IReadOnlyDictionary<string, PackedMessage> Extensions { get; init; } = EmptyExtensions;

    /// <summary>No extensions.</summary>
    public static IReadOnlyDictionary<string, PackedMessage> EmptyExtensions { get; } =
        System.Collections.Frozen.FrozenDictionary<string, PackedMessage>.Empty;
}
