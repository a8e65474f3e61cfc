using System.CommandLine;
using Berth.Operations.Auth;

namespace Berth.Cli.Commands;

/// <summary>`berth login` and `berth logout`, storing credentials where docker does.</summary>
internal static class AuthCommands
{
    public static Command Login()
    {
        var username = new Option<string>("--username", "-u") { Description = "Username" };
        var password = new Option<string>("--password", "-p") { Description = "Password" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Take the password from stdin" };
        var server = new Argument<string?>("SERVER") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("login", "Authenticate to a registry. Defaults to Docker Hub if no server is specified.")
        {
            username, password, passwordStdin, server,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var client = GlobalOptions.Connect(parsed);
            await LoginOperations.LoginAsync(client, new LoginOptions
            {
                Server = parsed.GetValue(server),
                Username = parsed.GetValue(username),
                Password = parsed.GetValue(password),
                PasswordStdin = parsed.GetValue(passwordStdin),
                Stdin = Console.In,
                Prompt = ConsolePrompt.IfTerminal(),
                Credentials = new CredentialStore(DockerConfigFile.Load(DockerConfigFile.DefaultPath())),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command Logout()
    {
        var server = new Argument<string?>("SERVER") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("logout", "Log out from a registry. Defaults to Docker Hub if no server is specified.") { server };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await LoginOperations.LogoutAsync(new LogoutOptions
            {
                Server = parsed.GetValue(server),
                Credentials = new CredentialStore(DockerConfigFile.Load(DockerConfigFile.DefaultPath())),
                Stdout = Console.Out,
                Stderr = Console.Error,
            }, cancellationToken);
            return 0;
        });
        return command;
    }
}
