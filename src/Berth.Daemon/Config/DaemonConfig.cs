namespace Berth.Daemon.Config;

/// <summary>
/// berthd's settings, read from /etc/berth/config.toml with containerd's keys; command-line flags override them.
/// </summary>
internal sealed record DaemonConfig
{
    public const string DefaultPath = "/etc/berth/config.toml";

    /// <summary>What must survive a reboot: content, snapshots, metadata.</summary>
    public string Root { get; init; } = "/var/lib/berth";

    /// <summary>What is rebuilt at boot: the socket, task bundles, temporary mounts.</summary>
    public string State { get; init; } = "/run/berth";

    /// <summary>The unix socket of the gRPC API.</summary>
    public string GrpcAddress { get; init; } = "/run/berth/berthd.sock";

    /// <summary>Owner of the socket; its mode is 0660, so members of the group may use it.</summary>
    public int GrpcUid { get; init; }

    /// <summary>Group of the socket.</summary>
    public int GrpcGid { get; init; }

    /// <summary>The snapshotter clients get when they name none.</summary>
    public string Snapshotter { get; init; } = "overlayfs";

    /// <summary>trace, debug, info, warn, error.</summary>
    public string LogLevel { get; init; } = "info";

    /// <summary>Plugin ids (<c>type.id</c>) not to load, as containerd's disabled_plugins.</summary>
    public IReadOnlyList<string> DisabledPlugins { get; init; } = [];

    /// <summary>Per-plugin settings by <c>type.id</c>, such as <c>io.containerd.snapshotter.v1.overlayfs</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> Plugins { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, object>>();

    /// <summary>Where per-registry certificates live (docker's certs.d layout).</summary>
    public string RegistryCertsDirectory { get; init; } = "/etc/berth/certs.d";

    /// <summary>Per-registry settings by host (with port): plain HTTP allowed, mirrors.</summary>
    public IReadOnlyDictionary<string, RegistryHostConfig> Registries { get; init; } = new Dictionary<string, RegistryHostConfig>();

    /// <summary>A plugin's string setting, or <paramref name="fallback"/>.</summary>
    public string PluginSetting(string plugin, string key, string fallback)
        => Plugins.TryGetValue(plugin, out var settings) && settings.TryGetValue(key, out var value) && value is string s && s.Length > 0
            ? s
            : fallback;

    /// <summary>A plugin's integer setting, or <paramref name="fallback"/>.</summary>
    public int PluginInteger(string plugin, string key, int fallback)
        => Plugins.TryGetValue(plugin, out var settings) && settings.TryGetValue(key, out var value)
            ? value switch
            {
                long n when n is > 0 and <= int.MaxValue => (int)n,
                _ => throw new Core.Errors.InvalidArgumentException($"plugins.\"{plugin}\".{key} must be a positive integer, not {value}"),
            }
            : fallback;

    /// <summary>A plugin's true/false setting, or <paramref name="fallback"/> when it is not set.</summary>
    public bool PluginBoolean(string plugin, string key, bool fallback)
        => Plugins.TryGetValue(plugin, out var settings) && settings.TryGetValue(key, out var value)
            ? value as bool? ?? throw new Core.Errors.InvalidArgumentException($"plugins.\"{plugin}\".{key} must be true or false, not {value}")
            : fallback;
}

/// <summary>[registry.hosts."host"]: docker's insecure-registries and registry-mirrors, per host.</summary>
internal sealed record RegistryHostConfig(bool Insecure, IReadOnlyList<string> Mirrors);
