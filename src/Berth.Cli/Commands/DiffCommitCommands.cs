using System.CommandLine;
using Berth.Operations.Containers.Changes;

namespace Berth.Cli.Commands;

/// <summary>`diff` and `commit`, at the top and under `berth container`.</summary>
internal static class DiffCommitCommands
{
    public static Command Diff()
    {
        var container = new Argument<string>("CONTAINER");
        var command = new Command("diff", "Inspect changes to files or directories on a container's filesystem") { container };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ContainerChangesOperations.DiffAsync(client, new ContainerDiffOptions
            {
                Container = parsed.GetValue(container)!,
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command Commit()
    {
        var author = new Option<string>("--author", "-a") { Description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")" };
        var changes = new Option<string[]>("--change", "-c") { Description = "Apply Dockerfile instruction to the created image" };
        var message = new Option<string>("--message", "-m") { Description = "Commit message" };
        var pause = new Option<bool>("--pause", "-p") { Description = "Pause container during commit", DefaultValueFactory = _ => true };
        var container = new Argument<string>("CONTAINER");
        var repository = new Argument<string?>("REPOSITORY[:TAG]") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("commit", "Create a new image from a container's changes") { author, changes, message, pause, container, repository };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await ContainerChangesOperations.CommitAsync(client, new ContainerCommitOptions
            {
                Container = parsed.GetValue(container)!,
                Repository = parsed.GetValue(repository),
                Author = parsed.GetValue(author),
                Message = parsed.GetValue(message),
                Changes = parsed.GetValue(changes) ?? [],
                Pause = parsed.GetValue(pause),
                Stdout = Console.Out,
            }, cancellationToken);
            return 0;
        });
        return command;
    }
}
