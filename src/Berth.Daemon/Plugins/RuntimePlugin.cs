using Berth.Core.Events;
using Berth.Daemon.Ttrpc;
using Berth.Runtime.Shims;
using Berth.Runtime.Tasks;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Plugins;

/// <summary>
/// The task runtime (containerd's io.containerd.runtime.v2.task): one shim per task, bundles under <c>&lt;state&gt;/tasks</c>.
/// <c>runc_shim</c> names the shim binary for <c>io.containerd.runc.v2</c>: berth-shim (beside berthd, else in PATH)
/// unless set, e.g. to Debian's <c>containerd-shim-runc-v2</c>. <c>prepare_hybrid_cgroups</c> (see <see cref="HybridCgroups"/>)
/// makes a hybrid cgroup host fit for crun before any shim starts; <c>runc_binary</c> (e.g. <c>"crun"</c>) is the OCI runtime of
/// runc-v2 tasks whose options name none (<see cref="TaskManagerOptions.RuncBinary"/>).
/// </summary>
internal static class RuntimePlugin
{

    public static PluginRegistration Task { get; } = new(Builtins.RuntimeType, "task", [Builtins.EventType], (context, _) =>
    {
        string runcBinary = context.Setting("runc_binary", string.Empty);
        if (context.Boolean(HybridCgroups.Setting, HybridCgroups.CrunAvailable(runcBinary)))
        {
            HybridCgroups.Prepare(Linux.Cgroups.CgroupSystem.Load(), context.Syscalls, context.Loggers.CreateLogger("berthd.cgroups"));
        }

        var events = context.Get<IEventExchange>(Builtins.EventType, "exchange");
        var config = context.Config;
        var options = new TaskManagerOptions(
            Path.Join(config.State, "tasks"), config.GrpcAddress, TtrpcEndpoint.AddressFor(config.GrpcAddress),
            Environment.ProcessPath ?? "berthd", DebugShims: config.LogLevel is "debug" or "trace")
        {
            RuncBinary = runcBinary,
        };
        var binaries = new ShimBinaries(
            new Dictionary<string, string> { [ShimBinaries.RuncV2] = context.Setting("runc_shim", ShimBinaries.DefaultBerthShim) },
            ShimBinaries.DefaultBerthShim);
        var manager = new TaskManager(options, binaries, new TtrpcShimConnector(), events, context.Syscalls,
            context.Loggers.CreateLogger<TaskManager>());
        return ValueTask.FromResult<object>(manager);
    });
}
