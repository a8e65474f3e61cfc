namespace Berth.Core.Containers;

/// <summary>The runtime a container's tasks are started with.</summary>
/// <param name="Name">The runtime's name, such as <c>io.containerd.runc.v2</c>.</param>
/// <param name="Options">The runtime's options (such as <c>containerd.runc.v1.Options</c>), if any.</param>
public sealed record ContainerRuntime(string Name, PackedMessage? Options = null)
{
    /// <summary>No runtime: what an update that does not touch the runtime carries.</summary>
    public static ContainerRuntime None { get; } = new(string.Empty);
}
