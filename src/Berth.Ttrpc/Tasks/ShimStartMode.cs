namespace Berth.Ttrpc.Tasks;

/// <summary>
/// How berthd asks berth-shim's <c>start</c> to serve the task API itself once it has printed the address, instead of
/// starting a second process to serve it (containerd's protocol, which berth-shim keeps for containerd): one process
/// start less per container. Other shims ignore the variable, and containerd does not set it.
/// </summary>
public static class ShimStartMode
{
    /// <summary>The environment variable; "1" asks for serving in place.</summary>
    public const string ServeInPlaceVariable = "BERTH_SHIM_SERVE_IN_START";
}
