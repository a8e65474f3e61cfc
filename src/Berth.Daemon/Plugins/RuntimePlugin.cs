using Berth.Core.Events;
using Berth.Daemon.Ttrpc;
using Berth.Runtime.Shims;
using Berth.Runtime.Tasks;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Plugins;

/// <summary>
/// The task runtime (containerd's io.containerd.runtime.v2.task): one shim per task, bundles under <c>&lt;state&gt;/tasks</c>.
/// <c>runc_shim</c> names the shim binary for <c>io.containerd.runc.v2</c>: berth-shim (beside berthd, else in PATH)
/// unless set, e.g. to Debian's <c>containerd-shim-runc-v2</c>.
/// </summary>
internal static class RuntimePlugin
{

    public static PluginRegistration Task { get; } = new(Builtins.RuntimeType, "task", [Builtins.EventType], (context, _) =>
    {
        var events = context.Get<IEventExchange>(Builtins.EventType, "exchange");
        var config = context.Config;
        var options = new TaskManagerOptions(
            Path.Join(config.State, "tasks"), config.GrpcAddress, TtrpcEndpoint.AddressFor(config.GrpcAddress),
            Environment.ProcessPath ?? "berthd", DebugShims: config.LogLevel is "debug" or "trace");
        var binaries = new ShimBinaries(
            new Dictionary<string, string> { [ShimBinaries.RuncV2] = context.Setting("runc_shim", ShimBinaries.DefaultBerthShim) },
            ShimBinaries.DefaultBerthShim);
        var manager = new TaskManager(options, binaries, new TtrpcShimConnector(), events, context.Syscalls,
            context.Loggers.CreateLogger<TaskManager>());
        return ValueTask.FromResult<object>(manager);
    });
}
