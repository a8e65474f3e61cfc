using Berth.Core.Mounts;

namespace Berth.Core.Tasks;

/// <summary>What a client asks to create a container's task with.</summary>
/// <param name="Rootfs">The mounts of the root filesystem (the client reads them from the container's snapshot); empty if the spec's root is used as it is.</param>
/// <param name="Options">Runtime options for this task (such as <c>containerd.runc.v1.Options</c>); the container's own when null.</param>
/// <param name="RuntimePath">A shim binary for this task only (containerd's <c>runtime_path</c>); empty for the runtime's configured one.</param>
public sealed record TaskCreate(
    string ContainerId, IReadOnlyList<Mount> Rootfs, ProcessIo Io, Containers.PackedMessage? Options = null, string RuntimePath = "");
