using Berth.Core.Errors;
using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Serialization;

namespace Berth.Daemon.Config;

/// <summary>Reads config.toml. Unknown keys are refused, so that a typo does not silently keep a default.</summary>
internal static class DaemonConfigLoader
{
    private static readonly HashSet<string> TopLevelKeys =
        ["version", "root", "state", "snapshotter", "disabled_plugins", "grpc", "debug", "plugins", "registry"];

    /// <summary>Loads <paramref name="path"/>; a missing file gives the defaults unless <paramref name="required"/>.</summary>
    public static DaemonConfig Load(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required
                ? throw new InvalidArgumentException($"config file {path} does not exist: create it (berthd config default > {path}) or leave out --config")
                : new DaemonConfig();
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static DaemonConfig Parse(string text, string source)
    {
        TomlTable table;
        try
        {
            // The strict parse validates the document (duplicate keys, bad values) with positions a user can act on.
            SyntaxParser.ParseStrict(text, source, validate: true);
            table = TomlSerializer.Deserialize(text, ConfigTomlContext.Default.TomlTable) ?? new TomlTable();
        }
        catch (TomlException ex)
        {
            throw new InvalidArgumentException(ex.Message.Trim());
        }

        foreach (string key in table.Keys.Where(k => !TopLevelKeys.Contains(k)))
        {
            throw new InvalidArgumentException($"{source}: unknown key \"{key}\" (known: {string.Join(", ", TopLevelKeys)})");
        }

        var config = new DaemonConfig();
        var grpc = Table(table, "grpc", source);
        var debug = Table(table, "debug", source);
        var registry = Table(table, "registry", source);
        config = config with
        {
            RegistryCertsDirectory = String(registry, "config_path", source) ?? config.RegistryCertsDirectory,
            Registries = Table(registry, "hosts", source).ToDictionary(
                kv => kv.Key,
                kv => RegistryHost(kv.Value as TomlTable ?? throw new InvalidArgumentException($"{source}: registry.hosts.\"{kv.Key}\" must be a table"), source)),
            Root = String(table, "root", source) ?? config.Root,
            State = String(table, "state", source) ?? config.State,
            Snapshotter = String(table, "snapshotter", source) ?? config.Snapshotter,
            GrpcAddress = String(grpc, "address", source) ?? config.GrpcAddress,
            GrpcUid = (int)(Integer(grpc, "uid", source) ?? config.GrpcUid),
            GrpcGid = (int)(Integer(grpc, "gid", source) ?? config.GrpcGid),
            LogLevel = String(debug, "level", source) ?? config.LogLevel,
            DisabledPlugins = table.TryGetValue("disabled_plugins", out var disabled) && disabled is TomlArray array
                ? [.. array.Select(v => v?.ToString() ?? string.Empty)]
                : config.DisabledPlugins,
            Plugins = Table(table, "plugins", source).ToDictionary(
                kv => kv.Key,
                kv => kv.Value is TomlTable t
                    ? (IReadOnlyDictionary<string, object>)t.ToDictionary(e => e.Key, e => e.Value)
                    : throw new InvalidArgumentException($"{source}: plugins.\"{kv.Key}\" must be a table")),
        };
        foreach (var (key, path) in new[] { ("root", config.Root), ("state", config.State), ("grpc.address", config.GrpcAddress) })
        {
            if (!Path.IsPathRooted(path))
            {
                throw new InvalidArgumentException($"{source}: {key} \"{path}\" must be an absolute path");
            }
        }

        return config;
    }

    private static RegistryHostConfig RegistryHost(TomlTable host, string source) => new(
        host.TryGetValue("insecure", out var insecure) ? insecure as bool? ?? throw new InvalidArgumentException($"{source}: \"insecure\" must be true or false") : false,
        host.TryGetValue("mirrors", out var mirrors) && mirrors is TomlArray array ? [.. array.Select(m => m?.ToString() ?? string.Empty)] : []);

    private static TomlTable Table(TomlTable table, string key, string source) => table.TryGetValue(key, out var value)
        ? value as TomlTable ?? throw new InvalidArgumentException($"{source}: \"{key}\" must be a table")
        : new TomlTable();

    private static string? String(TomlTable table, string key, string source) => table.TryGetValue(key, out var value)
        ? value as string ?? throw new InvalidArgumentException($"{source}: \"{key}\" must be a string")
        : null;

    private static long? Integer(TomlTable table, string key, string source) => table.TryGetValue(key, out var value)
        ? value as long? ?? throw new InvalidArgumentException($"{source}: \"{key}\" must be an integer")
        : null;
}

/// <summary>The config is read as a plain table; a generated context keeps that free of reflection (Native AOT).</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class ConfigTomlContext : TomlSerializerContext;
