using Berth.Core.Plugins;
using Berth.Daemon.Config;
using Berth.Linux;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Plugins;

/// <summary>
/// Starts the built-in plugins in order. A plugin that fails to start is reported (Introspection's init error) and
/// the daemon goes on without it and without the plugins that need its type, as containerd does.
/// </summary>
internal sealed partial class PluginSet : IAsyncDisposable
{
    private readonly List<Loaded> _plugins = [];

    public IReadOnlyList<PluginInfo> Infos => [.. _plugins.Select(p => p.Info)];

    public static async Task<PluginSet> LoadAsync(IReadOnlyList<PluginRegistration> registrations, DaemonConfig config,
        ILoggerFactory loggers, ISyscalls syscalls, CancellationToken cancellationToken)
    {
        var set = new PluginSet();
        var log = loggers.CreateLogger<PluginSet>();
        foreach (var registration in registrations)
        {
            if (config.DisabledPlugins.Contains(registration.FullId))
            {
                LogDisabled(log, registration.FullId);
                continue;
            }

            var info = new PluginInfo(registration.Type, registration.Id) { Requires = registration.Requires };
            string? missing = registration.Requires.FirstOrDefault(type => !set._plugins.Any(p => p.Info.Type == type && p.Instance is not null));
            if (missing is not null)
            {
                set._plugins.Add(new(info with { InitError = $"no plugins registered for {missing}" }, null));
                LogSkipped(log, registration.FullId, missing);
                continue;
            }

            var context = new PluginInitContext(registration, config, set, loggers, syscalls);
            try
            {
                object instance = await registration.InitAsync(context, cancellationToken);
                set._plugins.Add(new(info with { Exports = context.Exports }, instance));
                LogLoaded(log, registration.FullId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                set._plugins.Add(new(info with { InitError = ex.Message, Exports = context.Exports }, null));
                LogFailed(log, registration.FullId, ex.Message);
            }
        }

        return set;
    }

    public T Get<T>(string type, string id) where T : class
        => _plugins.FirstOrDefault(p => p.Info.Type == type && p.Info.Id == id).Instance as T
            ?? throw new Core.Errors.NotFoundException($"plugin {type}.{id} is not loaded");

    public IReadOnlyList<(string Id, T Instance)> GetAll<T>(string type) where T : class
        => [.. _plugins.Where(p => p.Info.Type == type && p.Instance is T).Select(p => (p.Info.Id, (T)p.Instance!))];

    public async ValueTask DisposeAsync()
    {
        for (int i = _plugins.Count - 1; i >= 0; i--)
        {
            switch (_plugins[i].Instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        _plugins.Clear();
    }

    private readonly record struct Loaded(PluginInfo Info, object? Instance);

    [LoggerMessage(1, LogLevel.Debug, "loaded plugin {Id}")]
    private static partial void LogLoaded(ILogger logger, string id);

    [LoggerMessage(2, LogLevel.Warning, "skip loading plugin {Id}: {Error}")]
    private static partial void LogFailed(ILogger logger, string id, string error);

    [LoggerMessage(3, LogLevel.Information, "skip loading plugin {Id}: it needs {Missing}")]
    private static partial void LogSkipped(ILogger logger, string id, string missing);

    [LoggerMessage(4, LogLevel.Information, "plugin {Id} is disabled in the config")]
    private static partial void LogDisabled(ILogger logger, string id);
}
