using System.CommandLine;
using Berth.Operations.Auth;
using Berth.Operations.Images;

namespace Berth.Cli.Commands;

/// <summary>`berth push` and `berth image push`.</summary>
internal static class PushCommand
{
    public static Command Create(string name)
    {
        var allTags = new Option<bool>("--all-tags", "-a") { Description = "Push all tags of an image to the repository" };
        var platform = new Option<string>("--platform") { Description = "Push a platform-specific manifest as a single-platform image to the registry (os/arch[/variant])" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Suppress verbose output" };
        var reference = new Argument<string>("NAME[:TAG]");
        var command = new Command(name, "Upload an image to a registry") { allTags, platform, quiet, reference };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            bool terminal = !Console.IsOutputRedirected;
            await ImageOperations.PushAsync(client, new ImagePushOptions
            {
                Reference = parsed.GetValue(reference)!,
                AllTags = parsed.GetValue(allTags),
                Platform = parsed.GetValue(platform),
                Quiet = parsed.GetValue(quiet),
                Credentials = new CredentialStore(DockerConfigFile.Load(DockerConfigFile.DefaultPath())),
                Stdout = Console.Out,
                IsTerminal = terminal,
                TerminalWidth = terminal ? Console.WindowWidth : 0,
            }, cancellationToken);
            return 0;
        });
        return command;
    }
}
