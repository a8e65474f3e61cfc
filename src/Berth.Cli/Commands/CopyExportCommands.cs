using System.CommandLine;
using Berth.Operations.Containers.Files;

namespace Berth.Cli.Commands;

/// <summary>`cp` and `export`, at the top and under `berth container`.</summary>
internal static class CopyExportCommands
{
    public static Command Copy()
    {
        var archive = new Option<bool>("--archive", "-a") { Description = "Archive mode (copy all uid/gid information)" };
        var followLink = new Option<bool>("--follow-link", "-L") { Description = "Always follow symbol link in SRC_PATH" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Suppress progress output during copy" };
        var source = new Argument<string>("SRC_PATH");
        var destination = new Argument<string>("DEST_PATH");
        var command = new Command("cp", "Copy files/folders between a container and the local filesystem")
        {
            archive, followLink, quiet, source, destination,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await using var stdin = Console.OpenStandardInput();
            await using var stdout = Console.OpenStandardOutput();
            await FileOperations.CopyAsync(client, new ContainerCopyOptions
            {
                Source = parsed.GetValue(source)!,
                Destination = parsed.GetValue(destination)!,
                Archive = parsed.GetValue(archive),
                FollowLink = parsed.GetValue(followLink),
                Quiet = parsed.GetValue(quiet),
                Stdin = stdin,
                Stdout = stdout,
                Stderr = Console.Error,
                StderrIsTerminal = !Console.IsErrorRedirected,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command Export()
    {
        var output = new Option<string>("--output", "-o") { Description = "Write to a file, instead of STDOUT" };
        var container = new Argument<string>("CONTAINER");
        var command = new Command("export", "Export a container's filesystem as a tar archive") { output, container };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await using var stdout = Console.OpenStandardOutput();
            await FileOperations.ExportAsync(client, new ContainerExportOptions
            {
                Container = parsed.GetValue(container)!,
                Output = parsed.GetValue(output),
                Stdout = stdout,
                StdoutIsTerminal = !Console.IsOutputRedirected,
            }, cancellationToken);
            return 0;
        });
        return command;
    }
}
