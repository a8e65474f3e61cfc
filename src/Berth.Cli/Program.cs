using System.CommandLine;
using Berth.Cli.Commands;
using Berth.Core.Errors;
using Berth.Operations.Output;

namespace Berth.Cli;

/// <summary>
/// berth's entry point. Exit codes follow docker: 0 success, 1 a failure reported by the daemon, 125 a usage error
/// or a failure of berth itself.
/// </summary>
internal static class Program
{
    public const int ExitUsage = 125;
    public const int ExitInterrupted = 130;

    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("berth: a docker-compatible command line for the berth container engine")
        {
            GlobalOptions.Address,
            GlobalOptions.Namespace,
        };
        root.Subcommands.Add(SystemCommands.Version());
        root.Subcommands.Add(SystemCommands.Info());
        root.Subcommands.Add(NamespaceCommands.Namespace());
        root.Subcommands.Add(VolumeCommands.Volume());
        root.Subcommands.Add(ImageCommands.Image());
        foreach (var shorthand in ImageCommands.Shorthands())
        {
            root.Subcommands.Add(shorthand);
        }

        foreach (var archive in ArchiveCommands.Shorthands().Append(ArchiveCommands.System()))
        {
            root.Subcommands.Add(archive);
        }

        root.Subcommands.Add(AuthCommands.Login());
        root.Subcommands.Add(AuthCommands.Logout());
        root.Subcommands.Add(EventsCommand.Events());
        root.Subcommands.Add(ContainerCommands.Container());
        foreach (var shorthand in ContainerCommands.Shorthands())
        {
            root.Subcommands.Add(shorthand);
        }

        var parsed = root.Parse(InterspersedArguments.StopAfterFirstArgument(root, args, out string? unknownFlag));
        if (UsageErrors.IsBareGroup(parsed, unknownFlag))
        {
            return await root.Parse([.. args, "--help"]).InvokeAsync();
        }

        if (unknownFlag is not null || parsed.Errors.Count > 0)
        {
            return await UsageErrors.ReportAsync(parsed, unknownFlag, Console.Error);
        }

        try
        {
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
            if (RunCommand.HandlesSignals(parsed.CommandResult.Command))
            {
                // An attached run passes Ctrl-C and the other signals on to the container and waits for its exit code.
                invocation.ProcessTerminationTimeout = null;
            }

            return await parsed.InvokeAsync(invocation);
        }
        catch (ClientException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return ExitInterrupted; // Ctrl-C: what the daemon does goes on (a pull finishes without us)
        }
        catch (UnavailableException ex) when (ex.InnerException is Grpc.Core.RpcException { Status.DebugException: HttpRequestException })
        {
            // No daemon to answer: docker prints this one bare; an unavailable registry is the daemon's answer.
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        catch (BerthException ex)
        {
            await Console.Error.WriteLineAsync($"Error response from daemon: {ex.Message}");
            return 1;
        }
    }
}
