using System.CommandLine;
using System.Reflection;
using Berth.Operations.Info;

namespace Berth.Cli.Commands;

/// <summary>`berth version` and `berth info`.</summary>
internal static class SystemCommands
{
    public static Command Version()
    {
        var command = new Command("version", "Show the berth version information");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            string informational = typeof(SystemCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            await SystemOperations.VersionAsync(client, new VersionOptions
            {
                ClientVersion = "v" + informational.Split('+')[0],
                ClientRevision = informational.Contains('+', StringComparison.Ordinal) ? informational.Split('+')[1] : "unknown",
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command Info()
    {
        var command = new Command("info", "Display system-wide information");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await SystemOperations.InfoAsync(client, new InfoOptions { Stdout = Console.Out }, cancellationToken);
            return 0;
        });
        return command;
    }
}
