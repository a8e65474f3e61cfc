namespace Berth.Core.Plugins;

/// <summary>A plugin as the Introspection service reports it.</summary>
/// <param name="Type">A versioned type such as <c>io.containerd.snapshotter.v1</c>.</param>
/// <param name="Id">The plugin's name within its type, such as <c>overlayfs</c>.</param>
public sealed record PluginInfo(string Type, string Id)
{
    /// <summary>The types this plugin needs.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>Values the plugin exports, such as its root folder.</summary>
    public IReadOnlyDictionary<string, string> Exports { get; init; } = Berth.Core.Labels.LabelSet.Empty;

    /// <summary>Capabilities, such as <c>remap-ids</c>.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Why the plugin did not start, or null when it did.</summary>
    public string? InitError { get; init; }
}
