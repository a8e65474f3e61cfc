namespace Berth.Shim.Tasks;

/// <summary>What the shim's command line tells the task service.</summary>
/// <param name="Namespace">The containerd namespace of the shim's tasks; the runtime's state folder is per namespace.</param>
internal sealed record TaskServiceOptions(string Namespace)
{
    /// <summary>The runtime's state folders live under <c>&lt;RuntimeRoot&gt;/&lt;namespace&gt;</c> unless the create options name a root.</summary>
    public string RuntimeRoot { get; init; } = "/run/berth/runc";

    /// <summary>The runtime binary when the create options name none.</summary>
    public string DefaultRuntime { get; init; } = "runc";
}
