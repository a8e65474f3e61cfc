using System.CommandLine;
using Berth.Core.Transfer;
using Berth.Operations.Images;

namespace Berth.Cli.Commands;

/// <summary>`berth save`, `load`, `import` (and their `berth image …` forms), `berth image prune` and `berth system df`.</summary>
internal static class ArchiveCommands
{
    public static IEnumerable<Command> ImageSubcommands() => [Save(), Load(), Import(), Prune()];

    public static IEnumerable<Command> Shorthands() => [Save(), Load(), Import()];

    public static Command System()
    {
        var command = new Command("system", "Manage berth");
        command.Subcommands.Add(DiskUsage());
        command.Subcommands.Add(EventsCommand.Events());
        return command;
    }

    private static Command Save()
    {
        var output = new Option<string>("--output", "-o") { Description = "Write to a file, instead of STDOUT" };
        var format = new Option<string>("--format") { Description = "Archive format: docker (default) or oci" };
        var platform = new Option<string>("--platform") { Description = "Save the given platform of a multi-platform image (os/arch[/variant])" };
        var images = new Argument<string[]>("IMAGE") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("save", "Save one or more images to a tar archive (streamed to STDOUT by default)") { output, format, platform, images };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var archiveFormat = parsed.GetValue(format) switch
            {
                null or "" or "docker" => ArchiveFormat.Docker,
                "oci" => ArchiveFormat.Oci,
                var other => throw new Operations.Output.ClientException($"invalid format {other}: use docker or oci", Program.ExitUsage),
            };
            await using var client = GlobalOptions.Connect(parsed);
            await using var stdout = Console.OpenStandardOutput();
            await ImageOperations.SaveAsync(client, new ImageSaveOptions
            {
                Images = parsed.GetValue(images)!,
                Output = parsed.GetValue(output),
                Format = archiveFormat,
                Platform = parsed.GetValue(platform),
                Stdout = stdout,
                StdoutIsTerminal = !Console.IsOutputRedirected,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Load()
    {
        var input = new Option<string>("--input", "-i") { Description = "Read from tar archive file, instead of STDIN" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Suppress the load output" };
        var command = new Command("load", "Load an image from a tar archive or STDIN") { input, quiet };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await using var stdin = Console.OpenStandardInput();
            await ImageOperations.LoadAsync(client, new ImageLoadOptions
            {
                Input = parsed.GetValue(input),
                Quiet = parsed.GetValue(quiet),
                Stdin = stdin,
                StdinIsTerminal = !Console.IsInputRedirected,
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var changes = new Option<string[]>("--change", "-c") { Description = "Apply Dockerfile instruction to the created image" };
        var message = new Option<string>("--message", "-m") { Description = "Set commit message for imported image" };
        var platform = new Option<string>("--platform") { Description = "Set platform if server is multi-platform capable" };
        var source = new Argument<string>("file|URL|-");
        var reference = new Argument<string?>("REPOSITORY[:TAG]") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("import", "Import the contents from a tarball to create a filesystem image") { changes, message, platform, source, reference };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await using var stdin = Console.OpenStandardInput();
            await ImageOperations.ImportAsync(client, new ImageImportOptions
            {
                Source = parsed.GetValue(source)!,
                Reference = parsed.GetValue(reference),
                Changes = parsed.GetValue(changes) ?? [],
                Message = parsed.GetValue(message),
                Platform = parsed.GetValue(platform),
                Stdin = stdin,
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command Prune()
    {
        var all = new Option<bool>("--all", "-a") { Description = "Remove all unused images, not just dangling ones" };
        var force = new Option<bool>("--force", "-f") { Description = "Do not prompt for confirmation" };
        var command = new Command("prune", "Remove unused images") { all, force };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ImageOperations.PruneAsync(client, new ImagePruneOptions
            {
                All = parsed.GetValue(all),
                Force = parsed.GetValue(force),
                Stdin = Console.In,
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command DiskUsage()
    {
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show detailed information on space usage" };
        var format = new Option<string>("--format") { Description = "Format output: table, table TEMPLATE, json, or a Go template" };
        var command = new Command("df", "Show berth disk usage") { verbose, format };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ImageOperations.DiskUsageAsync(client, new SystemDiskUsageOptions
            {
                Verbose = parsed.GetValue(verbose),
                Format = parsed.GetValue(format),
                Stdout = Console.Out,
            },
                cancellationToken);
            return 0;
        });
        return command;
    }
}
