namespace Berth.Daemon.Plugins;

/// <summary>
/// One built-in plugin, as containerd registers them: a versioned type, an id, the types it needs loaded first and
/// how to make it. Plugins are listed explicitly in <see cref="Builtins"/>: no assembly scanning.
/// </summary>
internal sealed record PluginRegistration(
    string Type, string Id, IReadOnlyList<string> Requires, Func<PluginInitContext, CancellationToken, ValueTask<object>> InitAsync)
{
    /// <summary>The id used in config and disabled_plugins: <c>type.id</c>.</summary>
    public string FullId => $"{Type}.{Id}";
}
