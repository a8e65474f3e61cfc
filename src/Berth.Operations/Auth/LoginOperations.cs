using Berth.Client;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Operations.Output;

namespace Berth.Operations.Auth;

/// <summary>What `berth login` and `berth logout` do, in docker's words.</summary>
public static class LoginOperations
{
    /// <summary>
    /// Checks credentials through the daemon (which asks the registry) and stores them as docker does. With neither
    /// user nor password given, tries the stored credentials first; what is still missing is asked for at a terminal.
    /// </summary>
    public static async Task LoginAsync(IBerthClient client, LoginOptions options, CancellationToken cancellationToken)
    {
        string? password = await PasswordAsync(options, cancellationToken);
        string key = RegistryServer.KeyFor(options.Server);
        string registry = RegistryServer.RegistryOf(key);
        if (options.Username is null && password is null && await options.Credentials.GetAsync(key, cancellationToken) is { } stored
            && (!string.IsNullOrEmpty(stored.Username) || stored.IdentityToken is not null))
        {
            await options.Stdout.WriteLineAsync(
                $"Authenticating with existing credentials...{(stored.Username is { Length: > 0 } u ? $" [Username: {u}]" : string.Empty)}".AsMemory(),
                cancellationToken);
            try
            {
                await client.Transfer.LoginAsync(registry, stored, cancellationToken);
                await options.Stdout.WriteLineAsync("Login Succeeded".AsMemory(), cancellationToken);
                return;
            }
            catch (PermissionDeniedException ex) when (options.Prompt is not null)
            {
                await options.Stderr.WriteLineAsync($"Login did not succeed, error: {ex.Message}".AsMemory(), cancellationToken);
            }
        }

        string? user = options.Username;
        if (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password))
        {
            var prompt = options.Prompt ?? throw new ClientException("Error: Cannot perform an interactive login from a non TTY device");
            user = string.IsNullOrEmpty(user) ? prompt.ReadLine("Username: ")?.Trim() : user;
            if (string.IsNullOrEmpty(user))
            {
                throw new ClientException("Error: Non-null Username Required");
            }

            password = string.IsNullOrEmpty(password) ? prompt.ReadSecret("Password: ") : password;
            if (string.IsNullOrEmpty(password))
            {
                throw new ClientException("Error: Password Required");
            }
        }

        var credentials = new RegistryCredentials(user, password);
        await client.Transfer.LoginAsync(registry, credentials, cancellationToken);
        if (await options.Credentials.StoreAsync(key, credentials, cancellationToken))
        {
            await options.Stderr.WriteLineAsync(($"WARNING! Your credentials are stored unencrypted in '{options.Credentials.Config.FilePath}'.\n" +
                "Configure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n").AsMemory(), cancellationToken);
        }

        await options.Stdout.WriteLineAsync("Login Succeeded".AsMemory(), cancellationToken);
    }

    /// <summary>Forgets a registry's credentials (also under the http:// and https:// forms older clients wrote).</summary>
    public static async Task LogoutAsync(LogoutOptions options, CancellationToken cancellationToken)
    {
        string key = RegistryServer.KeyFor(options.Server);
        await options.Stdout.WriteLineAsync($"Removing login credentials for {key}".AsMemory(), cancellationToken);
        string[] keys = key == RegistryServer.DockerHubKey ? [key] : [key, "http://" + key, "https://" + key];
        var errors = new List<string>();
        foreach (string candidate in keys)
        {
            try
            {
                await options.Credentials.EraseAsync(candidate, cancellationToken);
            }
            catch (ClientException ex)
            {
                errors.Add($"{candidate}: {ex.Message}");
            }
        }

        if (errors.Count == keys.Length)
        {
            await options.Stderr.WriteLineAsync(string.Join('\n', ["WARNING: could not erase credentials:", .. errors]).AsMemory(), cancellationToken);
        }
    }

    private static async Task<string?> PasswordAsync(LoginOptions options, CancellationToken cancellationToken)
    {
        if (options.PasswordStdin)
        {
            if (options.Password is not null)
            {
                throw new ClientException("conflicting options: cannot specify both --password and --password-stdin");
            }

            if (string.IsNullOrEmpty(options.Username))
            {
                throw new ClientException("the --password-stdin option requires --username to be set");
            }

            return (await options.Stdin.ReadToEndAsync(cancellationToken)).TrimEnd('\n', '\r');
        }

        if (options.Password is not null)
        {
            await options.Stderr.WriteLineAsync("WARNING! Using --password via the CLI is insecure. Use --password-stdin.".AsMemory(), cancellationToken);
        }

        return options.Password;
    }
}
