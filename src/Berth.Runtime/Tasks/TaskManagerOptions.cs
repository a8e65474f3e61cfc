namespace Berth.Runtime.Tasks;

/// <summary>Where tasks live and how their shims reach berthd.</summary>
/// <param name="TasksRoot">The bundles' folder, <c>&lt;state&gt;/tasks</c>.</param>
/// <param name="DaemonAddress">berthd's gRPC socket, given to shims as <c>-address</c>.</param>
/// <param name="TtrpcAddress">berthd's ttrpc socket, where shims forward task events.</param>
/// <param name="PublishBinary">The program shims may run to publish events (berthd itself).</param>
public sealed record TaskManagerOptions(string TasksRoot, string DaemonAddress, string TtrpcAddress, string PublishBinary, bool DebugShims = false)
{
    /// <summary>The OCI runtime binary (runc, crun) for <c>io.containerd.runc.v2</c> tasks whose options name none; empty: the shim's default.</summary>
    public string RuncBinary { get; init; } = "";
}
