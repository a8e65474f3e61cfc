using Berth.Core.Metadata;
using Berth.Daemon.Config;
using Berth.Engine;
using Berth.Linux;
using Berth.Runtime.Spec;
using Berth.Runtime.Tasks;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Hosting;

/// <summary>Makes the container engine: logs under <c>&lt;root&gt;/containers</c>, FIFOs under <c>&lt;state&gt;/containers</c>.</summary>
internal static class EngineHost
{
    public static ContainerEngine Create(DaemonConfig config, IMetadataStore metadata, TaskManager tasks, ILoggerFactory loggers)
    {
        // The metadata store lists its snapshotters with the default (the configured one if it loaded) first.
        string snapshotter = metadata.Snapshotters.Count > 0 ? metadata.Snapshotters[0] : config.Snapshotter;
        var options = new EngineOptions(Path.Join(config.Root, "containers"), Path.Join(config.State, "containers"), snapshotter)
        {
            VolumesRoot = Path.Join(config.Root, "volumes"),
        };
        return new ContainerEngine(metadata, tasks, new SpecBuilder(SpecHost.Current, LinuxSyscalls.Instance), LinuxSyscalls.Instance,
            options, loggers.CreateLogger<ContainerEngine>());
    }
}
