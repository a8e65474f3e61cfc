using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Engine.Files;

/// <summary>
/// A container's filesystem as a host folder for one call: /proc/&lt;pid&gt;/root of a running container, or a stopped
/// one's mounted snapshot (held under the container's lock, so it does not start meanwhile). Dispose unmounts and
/// releases.
/// </summary>
internal sealed class ContainerView(ISyscalls syscalls, string root, string name, IDisposable? mounts, SemaphoreSlim? held) : IDisposable
{
    private int _disposed;

    /// <summary>The host folder the container's <c>/</c> is.</summary>
    public string Root { get; } = root;

    /// <summary>The container as the caller named it, for dockerd's words in errors.</summary>
    public string Name { get; } = name;

    /// <summary>The engine's record of the container.</summary>
    public required ContainerRecord Record { get; init; }

    /// <summary>For a running container seen with its mounts, the device of its own root filesystem.</summary>
    public ulong? RootDevice { get; init; }

    /// <summary>The host folders an archive leaves empty (<see cref="TreeArchiver.Opaque"/>).</summary>
    public IReadOnlySet<string> Opaque { get; init; } = new HashSet<string>();

    /// <summary>A container path resolved within the root (<see cref="ScopedPath"/>).</summary>
    public string Resolve(string path, bool followLast) => ScopedPath.Resolve(syscalls, Root, path, followLast);

    /// <summary>Where a resolved container path is on the host.</summary>
    public string Host(string resolved) => ScopedPath.HostPath(Root, resolved);

    /// <summary>dockerd's error for a path that is not there.</summary>
    public NotFoundException NotFound(string path) => new($"Could not find the file {path} in container {Name}");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                mounts?.Dispose();
            }
            finally
            {
                held?.Release();
            }
        }
    }
}
