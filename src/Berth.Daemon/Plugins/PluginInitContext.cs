using Berth.Daemon.Config;
using Berth.Linux;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Plugins;

/// <summary>What a plugin gets to start: its settings, the plugins loaded before it, logging and the syscalls.</summary>
internal sealed class PluginInitContext(PluginRegistration registration, DaemonConfig config, PluginSet loaded,
    ILoggerFactory loggers, ISyscalls syscalls)
{
    public DaemonConfig Config => config;

    public ILoggerFactory Loggers => loggers;

    public ISyscalls Syscalls => syscalls;

    /// <summary>Values shown by the Introspection service, such as the plugin's root folder.</summary>
    public Dictionary<string, string> Exports { get; } = [];

    /// <summary>This plugin's string setting under [plugins."type.id"].</summary>
    public string Setting(string key, string fallback) => config.PluginSetting(registration.FullId, key, fallback);

    /// <summary>This plugin's integer setting under [plugins."type.id"].</summary>
    public int Integer(string key, int fallback) => config.PluginInteger(registration.FullId, key, fallback);

    /// <summary>This plugin's true/false setting under [plugins."type.id"].</summary>
    public bool Boolean(string key, bool fallback) => config.PluginBoolean(registration.FullId, key, fallback);

    /// <summary>The loaded plugin of a type and id.</summary>
    public T Get<T>(string type, string id) where T : class => loaded.Get<T>(type, id);

    /// <summary>Every loaded plugin of a type, in registration order.</summary>
    public IReadOnlyList<(string Id, T Instance)> GetAll<T>(string type) where T : class => loaded.GetAll<T>(type);
}
