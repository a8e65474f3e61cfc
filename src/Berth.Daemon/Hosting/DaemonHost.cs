using Berth.Core.Engine;
using Berth.Core.Events;
using Berth.Core.Metadata;
using Berth.Core.Tasks;
using Berth.Daemon.Config;
using Berth.Daemon.Plugins;
using Berth.Daemon.Ttrpc;
using Berth.Linux;
using Berth.Runtime.Tasks;
using Berth.Services;
using Berth.Services.Introspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Hosting;

/// <summary>
/// The daemon's lifetime: folders, the root lock, the plugins, then gRPC on the unix socket until SIGTERM or SIGINT,
/// and the same steps undone in reverse.
/// </summary>
internal static partial class DaemonHost
{
    public static async Task<int> RunAsync(DaemonConfig config, CancellationToken cancellationToken)
    {
        var level = LogLevels.Parse(config.LogLevel);
        using var loggers = LoggerFactory.Create(b => LogLevels.Configure(b, level));
        var log = loggers.CreateLogger("berthd");
        CreatePrivateDirectory(config.Root);
        CreatePrivateDirectory(config.State);
        using var rootLock = RootLock.Acquire(config.Root, config.State);
        LogStarting(log, Version.Text, config.Root, config.State);

        await using var plugins = await PluginSet.LoadAsync(Builtins.All, config, loggers, LinuxSyscalls.Instance, cancellationToken);
        var metadatas = plugins.GetAll<IMetadataStore>(Builtins.MetadataType);
        var metadata = (metadatas.Count > 0 ? metadatas[0].Instance : null)
            ?? throw new Core.Errors.FailedPreconditionException(
                $"the metadata store did not start: {plugins.Infos.First(p => p.Type == Builtins.MetadataType).InitError}");
        var exchange = plugins.Get<IEventExchange>(Builtins.EventType, "exchange");
        var transfers = plugins.GetAll<TransferPlugin.Instance>(Builtins.TransferType).Select(t => t.Instance).FirstOrDefault();
        var server = new ServerInfo(Version.Text, Version.Revision, ServerIdentity.LoadOrCreate(config.Root), plugins.Infos);
        await using var ttrpc = TtrpcEndpoint.Start(config, exchange, loggers);
        // After the ttrpc socket is up: a shim found dead is cleaned up and its exit published, as shims publish theirs.
        var tasks = plugins.GetAll<TaskManager>(Builtins.RuntimeType).Select(t => t.Instance).FirstOrDefault();
        if (tasks is not null)
        {
            await tasks.RecoverAsync(cancellationToken);
        }

        // The engine after the tasks: it picks up the containers whose tasks the task manager found again.
        await using var engine = tasks is null ? null : EngineHost.Create(config, metadata, tasks, loggers);
        if (engine is not null)
        {
            await engine.RecoverAsync(cancellationToken);
        }

        // The empty builder reads no configuration files or environment and adds only what is named here: the daemon
        // starts faster and idles smaller (both are goals, see bench/).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        LogLevels.Configure(builder.Logging, level);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(config.GrpcAddress, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.AddServerHeader = false;
        });
        builder.Services.AddSingleton(metadata);
        builder.Services.AddSingleton(exchange);
        builder.Services.AddSingleton(server);
        if (transfers is not null)
        {
            builder.Services.AddSingleton(transfers.Transfer);
            builder.Services.AddSingleton(transfers.Archives);
        }

        if (tasks is not null)
        {
            builder.Services.AddSingleton<ITaskManager>(tasks);
        }

        if (engine is not null)
        {
            builder.Services.AddSingleton<IContainerEngine>(engine);
            builder.Services.AddSingleton<IVolumeStore>(engine);
            builder.Services.AddSingleton<IEngineEvents>(engine);
            builder.Services.AddSingleton<IContainerFiles>(engine);
            builder.Services.AddSingleton<IContainerResources>(engine);
            builder.Services.AddSingleton<IContainerChanges>(engine);
        }

        builder.Services.AddBerthGrpc();

        await using var app = builder.Build();
        app.UseRouting();
        app.MapBerthGrpc();
        SocketFile.PrepareForListen(config.GrpcAddress);
        await app.StartAsync(cancellationToken);
        try
        {
            SocketFile.Restrict(config.GrpcAddress, config.GrpcUid, config.GrpcGid);
            LogReady(log, config.GrpcAddress);
            await app.WaitForShutdownAsync(cancellationToken);
            LogStopping(log);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            SocketFile.Remove(config.GrpcAddress);
        }

        return 0;
    }

    private static void CreatePrivateDirectory(string path)
        => Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);

    [LoggerMessage(1, LogLevel.Information, "starting berthd {Version} with root {Root} and state {State}")]
    private static partial void LogStarting(ILogger logger, string version, string root, string state);

    [LoggerMessage(2, LogLevel.Information, "berthd successfully booted, serving on {Address}")]
    private static partial void LogReady(ILogger logger, string address);

    [LoggerMessage(3, LogLevel.Information, "stopping berthd")]
    private static partial void LogStopping(ILogger logger);
}
