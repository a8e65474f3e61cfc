namespace Berth.Engine;

/// <summary>Where the engine keeps its files and what it makes containers with.</summary>
/// <param name="ContainersRoot"><c>&lt;root&gt;/containers</c>: a folder per container with its json-file log; survives reboots.</param>
/// <param name="IoRoot"><c>&lt;state&gt;/containers</c>: the FIFOs of running containers, per namespace and id.</param>
/// <param name="Snapshotter">The snapshotter of new containers' root filesystems.</param>
/// <param name="RuntimeName">The runtime of new containers.</param>
public sealed record EngineOptions(string ContainersRoot, string IoRoot, string Snapshotter, string RuntimeName = "io.containerd.runc.v2")
{
    /// <summary><c>&lt;root&gt;/volumes</c>: a folder per namespace and volume.</summary>
    public string VolumesRoot { get; init; } = Path.Join(Path.GetDirectoryName(ContainersRoot) ?? "/", "volumes");

    /// <summary>The init <c>--init</c> mounts at <c>/sbin/docker-init</c>: Debian's static tini (docker.io's own init).</summary>
    public string InitBinary { get; init; } = "/usr/bin/tini-static";

    /// <summary>The grace a stop gives when neither the call nor the container says (docker's 10 s).</summary>
    public TimeSpan DefaultStopTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
