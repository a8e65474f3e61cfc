using System.CommandLine;
using Berth.Core.Errors;
using Berth.Daemon.Config;
using Berth.Daemon.Hosting;

namespace Berth.Daemon;

/// <summary>berthd's command line: flags override config.toml; `config default` prints the defaults.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var configPath = new Option<string?>("--config", "-c") { Description = $"Path to the configuration file (default {DaemonConfig.DefaultPath})" };
        var root = new Option<string?>("--root") { Description = "Persistent data folder (default /var/lib/berth)" };
        var state = new Option<string?>("--state") { Description = "Runtime state folder (default /run/berth)" };
        var address = new Option<string?>("--address", "-a") { Description = "Unix socket of the gRPC API (default /run/berth/berthd.sock)" };
        var logLevel = new Option<string?>("--log-level", "-l") { Description = "trace, debug, info, warn or error" };

        var command = new RootCommand("berthd: the berth container daemon, serving containerd's API");
        foreach (var option in new Option[] { configPath, root, state, address, logLevel })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parsed, cancellationToken) =>
        {
            string? path = parsed.GetValue(configPath);
            var config = DaemonConfigLoader.Load(path ?? DaemonConfig.DefaultPath, required: path is not null);
            config = config with
            {
                Root = Path.GetFullPath(parsed.GetValue(root) ?? config.Root),
                State = Path.GetFullPath(parsed.GetValue(state) ?? config.State),
                GrpcAddress = Path.GetFullPath(parsed.GetValue(address) ?? config.GrpcAddress),
                LogLevel = parsed.GetValue(logLevel) ?? config.LogLevel,
            };
            return await DaemonHost.RunAsync(config, cancellationToken);
        });

        var printDefault = new Command("default", "Print the default configuration");
        printDefault.SetAction(_ => Console.Out.Write(DefaultConfigText.Render(new DaemonConfig())));
        var configCommand = new Command("config", "Information on the configuration");
        configCommand.Subcommands.Add(printDefault);
        command.Subcommands.Add(configCommand);

        try
        {
            return await command.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (BerthException ex)
        {
            await Console.Error.WriteLineAsync($"berthd: {ex.Message}");
            return 1;
        }
    }
}
