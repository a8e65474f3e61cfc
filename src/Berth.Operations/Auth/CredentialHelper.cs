using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Berth.Core.Transfer;
using Berth.Operations.Output;

namespace Berth.Operations.Auth;

/// <summary>
/// A docker credential helper, the program <c>docker-credential-&lt;name&gt;</c> on the PATH, spoken to as docker does:
/// <c>get</c> (stdin: the server; stdout: {"ServerURL","Username","Secret"}), <c>store</c> (stdin: that JSON),
/// <c>erase</c> (stdin: the server). A user name of <c>&lt;token&gt;</c> means the secret is an identity token.
/// </summary>
internal sealed class CredentialHelper(string name, string? searchPath = null)
{
    private const string TokenUser = "<token>";
    private const string NotFound = "credentials not found in native keychain";

    public string Program => "docker-credential-" + name;

    /// <summary>The credentials the helper holds for <paramref name="server"/>, or null when it holds none.</summary>
    public async Task<RegistryCredentials?> GetAsync(string server, CancellationToken cancellationToken)
    {
        var (exit, output) = await RunAsync("get", server, cancellationToken);
        if (exit != 0)
        {
            return output.Trim() == NotFound ? null : throw Failure("getting", output);
        }

        try
        {
            using var json = JsonDocument.Parse(output);
            string? user = json.RootElement.TryGetProperty("Username", out var u) ? u.GetString() : null;
            string? secret = json.RootElement.TryGetProperty("Secret", out var s) ? s.GetString() : null;
            return user == TokenUser ? new RegistryCredentials(null, null) { IdentityToken = secret } : new RegistryCredentials(user, secret);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw Failure("getting", $"its answer is not the JSON the protocol asks for: {ex.Message}");
        }
    }

    public async Task StoreAsync(string server, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ServerURL", server);
            json.WriteString("Username", credentials.IdentityToken is null ? credentials.Username : TokenUser);
            json.WriteString("Secret", credentials.IdentityToken ?? credentials.Password);
            json.WriteEndObject();
        }

        var (exit, output) = await RunAsync("store", Encoding.UTF8.GetString(buffer.ToArray()), cancellationToken);
        if (exit != 0)
        {
            throw Failure("storing", output);
        }
    }

    /// <summary>Erases what the helper holds for <paramref name="server"/>; a server it never knew is no error.</summary>
    public async Task EraseAsync(string server, CancellationToken cancellationToken)
    {
        var (exit, output) = await RunAsync("erase", server, cancellationToken);
        if (exit != 0 && output.Trim() != NotFound)
        {
            throw Failure("erasing", output);
        }
    }

    private async Task<(int Exit, string Output)> RunAsync(string action, string input, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Locate(), [action])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(info) ?? throw Failure(action, "the process did not start");
        await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        string output = await stdout;
        return (process.ExitCode, output.Length > 0 ? output : await stderr);
    }

    private string Locate()
    {
        foreach (string dir in (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, Program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new ClientException(
            $"error using credential helper {Program}: it is not in $PATH: install it, or remove \"{name}\" from credsStore/credHelpers in the docker config");
    }

    private ClientException Failure(string action, string output)
        => new($"error {action} credentials with {Program}: {output.Trim()}");
}
