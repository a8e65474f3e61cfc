namespace Berth.Runtime.Shims;

/// <summary>
/// How a shim binary is run for one task, on containerd's runtime v2 command line:
/// <c>&lt;binary&gt; -namespace &lt;ns&gt; -address &lt;daemon socket&gt; -publish-binary &lt;daemon&gt; -id &lt;id&gt; start|delete</c>,
/// in the bundle folder, with <c>TTRPC_ADDRESS</c> naming where task events are forwarded.
/// </summary>
/// <param name="Binary">The shim executable: a path, or a name looked up in PATH.</param>
/// <param name="DaemonAddress">berthd's gRPC socket path.</param>
/// <param name="TtrpcAddress">berthd's ttrpc socket path (events from shims).</param>
/// <param name="PublishBinary">The program a shim may run to publish events (containerd's <c>publish</c> command).</param>
public sealed record ShimInvocation(
    string Binary, string Namespace, string Id, string BundlePath, string DaemonAddress, string TtrpcAddress, string PublishBinary,
    bool Debug = false)
{
    internal IReadOnlyList<string> Arguments(params string[] action)
    {
        var args = new List<string> { "-namespace", Namespace, "-address", DaemonAddress, "-publish-binary", PublishBinary, "-id", Id };
        if (Debug)
        {
            args.Add("-debug");
        }

        args.AddRange(action);
        return args;
    }
}
