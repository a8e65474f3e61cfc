using Berth.Core.Errors;
using Berth.Operations.Auth;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Testing;

namespace Berth.Operations.Tests.Auth;

public sealed class LoginOperationsTests : IDisposable
{
    private readonly TempDirectory _dir = new("docker-config");
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    private string ConfigPath => _dir.Combine("config.json");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Login_PasswordStdin_ChecksThroughTheDaemonThenStoresInTheFile()
    {
        await LoginAsync(new() { Server = "127.0.0.1:5000", Username = "me", PasswordStdin = true, Stdin = new StringReader("right\n") });

        Assert.Equal("Login Succeeded\n", _stdout.ToString());
        Assert.Equal($"WARNING! Your credentials are stored unencrypted in '{ConfigPath}'.\nConfigure a credential helper to remove this warning. See\n" +
            "https://docs.docker.com/go/credential-store/\n\n", _stderr.ToString());
        var (registry, credentials) = Assert.Single(_client.Transfers.Logins);
        Assert.Equal(("127.0.0.1:5000", "me", "right"), (registry, credentials.Username, credentials.Password));
        Assert.Equal("right", DockerConfigFile.Load(ConfigPath).GetAuth("127.0.0.1:5000")!.Password);
    }

    [Fact]
    public async Task Login_NoServer_DockerHubUnderItsKey()
    {
        await LoginAsync(new() { Username = "me", Password = "right" });

        Assert.Equal("docker.io", Assert.Single(_client.Transfers.Logins).Registry);
        Assert.NotNull(DockerConfigFile.Load(ConfigPath).GetAuth(RegistryServer.DockerHubKey));
        Assert.StartsWith("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n", _stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_Refused_PermissionDeniedAndNothingStored()
    {
        await Assert.ThrowsAsync<PermissionDeniedException>(() => LoginAsync(new() { Server = "127.0.0.1:5000", Username = "me", Password = "wrong" }));

        Assert.False(File.Exists(ConfigPath));
    }

    [Theory]
    [InlineData("me", "x", true, "conflicting options: cannot specify both --password and --password-stdin")]
    [InlineData(null, null, true, "the --password-stdin option requires --username to be set")]
    [InlineData("me", null, false, "Error: Cannot perform an interactive login from a non TTY device")]
    public async Task Login_BadOptionsOrNoTerminal_ClientErrors(string? user, string? password, bool stdin, string message)
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => LoginAsync(new() { Username = user, Password = password, PasswordStdin = stdin }));

        Assert.Equal(message, error.Message);
        Assert.Empty(_client.Transfers.Logins);
    }

    [Fact]
    public async Task Login_AtATerminal_AsksForWhatIsMissing()
    {
        var prompt = new ScriptedPrompt("me", "right");

        await LoginAsync(new() { Server = "localhost:5000", Prompt = prompt });

        Assert.Equal(["Username: ", "Password: "], prompt.Asked);
        Assert.Equal("me", DockerConfigFile.Load(ConfigPath).GetAuth("localhost:5000")!.Username);
    }

    [Fact]
    public async Task Login_StoredCredentials_ReusedWithoutAsking()
    {
        await LoginAsync(new() { Server = "localhost:5000", Username = "me", Password = "right" });
        _stdout.GetStringBuilder().Clear();

        await LoginAsync(new() { Server = "localhost:5000" });

        Assert.Equal("Authenticating with existing credentials... [Username: me]\nLogin Succeeded\n", _stdout.ToString());
        Assert.Equal(2, _client.Transfers.Logins.Count);
    }

    [Fact]
    public async Task Logout_RemovesTheEntry()
    {
        await LoginAsync(new() { Server = "localhost:5000", Username = "me", Password = "right" });
        _stdout.GetStringBuilder().Clear();

        await LoginOperations.LogoutAsync(new LogoutOptions
        {
            Server = "localhost:5000", Credentials = new CredentialStore(DockerConfigFile.Load(ConfigPath)), Stdout = _stdout, Stderr = _stderr,
        }, TestContext.Current.CancellationToken);

        Assert.Equal("Removing login credentials for localhost:5000\n", _stdout.ToString());
        Assert.False(DockerConfigFile.Load(ConfigPath).HasAuth("localhost:5000"));
    }

    private Task LoginAsync(PartialLogin login)
        => LoginOperations.LoginAsync(_client, new LoginOptions
        {
            Server = login.Server,
            Username = login.Username,
            Password = login.Password,
            PasswordStdin = login.PasswordStdin,
            Stdin = login.Stdin ?? TextReader.Null,
            Prompt = login.Prompt,
            Credentials = new CredentialStore(DockerConfigFile.Load(ConfigPath)),
            Stdout = _stdout,
            Stderr = _stderr,
        }, TestContext.Current.CancellationToken);

    private sealed record PartialLogin
    {
        public string? Server { get; init; }
        public string? Username { get; init; }
        public string? Password { get; init; }
        public bool PasswordStdin { get; init; }
        public TextReader? Stdin { get; init; }
        public IPrompt? Prompt { get; init; }
    }

    private sealed class ScriptedPrompt(string user, string password) : IPrompt
    {
        public List<string> Asked { get; } = [];

        public string? ReadLine(string prompt)
        {
            Asked.Add(prompt);
            return user;
        }

        public string? ReadSecret(string prompt)
        {
            Asked.Add(prompt);
            return password;
        }
    }
}
