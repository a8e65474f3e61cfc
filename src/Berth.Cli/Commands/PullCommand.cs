using System.CommandLine;
using Berth.Operations.Auth;
using Berth.Operations.Images;

namespace Berth.Cli.Commands;

/// <summary>`berth pull` and `berth image pull`.</summary>
internal static class PullCommand
{
    public static Command Create(string name)
    {
        var platform = new Option<string>("--platform") { Description = "Set platform if server is multi-platform capable (os/arch[/variant])" };
        var allPlatforms = new Option<bool>("--all-platforms") { Description = "Pull content for all platforms" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Suppress verbose output" };
        var reference = new Argument<string>("NAME[:TAG|@DIGEST]");
        var command = new Command(name, "Download an image from a registry") { platform, allPlatforms, quiet, reference };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            bool terminal = !Console.IsOutputRedirected;
            await ImageOperations.PullAsync(client, new ImagePullOptions
            {
                Reference = parsed.GetValue(reference)!,
                Platform = parsed.GetValue(platform),
                AllPlatforms = parsed.GetValue(allPlatforms),
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
