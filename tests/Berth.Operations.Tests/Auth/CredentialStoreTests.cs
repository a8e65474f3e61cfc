using System.Text;
using Berth.Core.Transfer;
using Berth.Operations.Auth;
using Berth.Operations.Output;
using Berth.Testing;

namespace Berth.Operations.Tests.Auth;

public sealed class CredentialStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("docker-config");
    private readonly FakeCredentialHelper _helper = new();

    private string ConfigPath => _dir.Combine("sub", "config.json");

    public void Dispose()
    {
        _helper.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Load_MissingFile_NoCredentials() => Assert.Null(DockerConfigFile.Load(ConfigPath).GetAuth(RegistryServer.DockerHubKey));

    [Fact]
    public async Task Store_InTheFile_Base64TabsMode0600AndOtherSettingsKept()
    {
        Directory.CreateDirectory(_dir.Combine("sub"));
        await File.WriteAllTextAsync(ConfigPath, """{"proxies":{"default":{"httpProxy":"http://p:3128"}},"auths":{}}""", TestContext.Current.CancellationToken);
        var store = new CredentialStore(DockerConfigFile.Load(ConfigPath));

        Assert.True(await store.StoreAsync("127.0.0.1:5000", new RegistryCredentials("me", "pa:ss"), TestContext.Current.CancellationToken));

        string text = await File.ReadAllTextAsync(ConfigPath, TestContext.Current.CancellationToken);
        Assert.Contains("\t\"auths\": {\n\t\t\"127.0.0.1:5000\": {\n\t\t\t\"auth\": \"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("me:pa:ss")) + "\"",
            text, StringComparison.Ordinal);
        Assert.Contains("\"httpProxy\": \"http://p:3128\"", text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        var read = await new CredentialStore(DockerConfigFile.Load(ConfigPath)).GetAsync("127.0.0.1:5000", TestContext.Current.CancellationToken);
        Assert.Equal(("me", "pa:ss"), (read!.Username, read.Password));
    }

    [Fact]
    public async Task Get_KeyWrittenAsAUrl_FoundByHost()
    {
        Directory.CreateDirectory(_dir.Combine("sub"));
        await File.WriteAllTextAsync(ConfigPath, """{"auths":{"https://reg.example:5000/v2/":{"auth":"dTpw","identitytoken":"tok"}}}""",
            TestContext.Current.CancellationToken);

        var read = await new CredentialStore(DockerConfigFile.Load(ConfigPath)).GetAsync("reg.example:5000", TestContext.Current.CancellationToken);

        Assert.Equal(("u", "p", "tok"), (read!.Username, read.Password, read.IdentityToken));
    }

    [Fact]
    public async Task CredsStore_HelperHoldsTheSecret_FileKeepsAnEmptyEntry()
    {
        Directory.CreateDirectory(_dir.Combine("sub"));
        await File.WriteAllTextAsync(ConfigPath, """{"credsStore":"fake"}""", TestContext.Current.CancellationToken);
        var store = new CredentialStore(DockerConfigFile.Load(ConfigPath), _helper.SearchPath);

        Assert.False(await store.StoreAsync(RegistryServer.DockerHubKey, new RegistryCredentials("me", "s3cret"), TestContext.Current.CancellationToken));
        var read = await store.GetAsync("docker.io", TestContext.Current.CancellationToken);
        await store.EraseAsync(RegistryServer.DockerHubKey, TestContext.Current.CancellationToken);

        Assert.Equal(("me", "s3cret"), (read!.Username, read.Password));
        Assert.Equal(["store https://index.docker.io/v1/", "get https://index.docker.io/v1/", "erase https://index.docker.io/v1/"], _helper.Calls);
        Assert.Null(await store.GetAsync("docker.io", TestContext.Current.CancellationToken));
        Assert.DoesNotContain("s3cret", await File.ReadAllTextAsync(ConfigPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.False(DockerConfigFile.Load(ConfigPath).HasAuth(RegistryServer.DockerHubKey));
    }

    [Fact]
    public async Task CredHelpers_ForOneRegistry_OverridesCredsStore()
    {
        Directory.CreateDirectory(_dir.Combine("sub"));
        await File.WriteAllTextAsync(ConfigPath, """{"credsStore":"absent","credHelpers":{"127.0.0.1:5000":"fake"}}""", TestContext.Current.CancellationToken);
        var store = new CredentialStore(DockerConfigFile.Load(ConfigPath), _helper.SearchPath);

        await store.StoreAsync("127.0.0.1:5000", new RegistryCredentials(null, null) { IdentityToken = "refresh" }, TestContext.Current.CancellationToken);
        var read = await store.GetAsync("127.0.0.1:5000", TestContext.Current.CancellationToken);

        Assert.Equal((null, "refresh"), (read!.Username, read.IdentityToken));
        Assert.True(DockerConfigFile.Load(ConfigPath).HasAuth("127.0.0.1:5000"));
        var missing = await Assert.ThrowsAsync<ClientException>(() => store.GetAsync("docker.io", TestContext.Current.CancellationToken));
        Assert.Contains("docker-credential-absent", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "https://index.docker.io/v1/", "docker.io")]
    [InlineData("docker.io", "https://index.docker.io/v1/", "docker.io")]
    [InlineData("https://index.docker.io/v1/", "https://index.docker.io/v1/", "docker.io")]
    [InlineData("localhost:5000", "localhost:5000", "localhost:5000")]
    [InlineData("https://reg.example/v2/", "reg.example", "reg.example")]
    public void RegistryServer_KeysAsDocker(string? typed, string key, string registry)
        => Assert.Equal((key, registry), (RegistryServer.KeyFor(typed), RegistryServer.RegistryOf(RegistryServer.KeyFor(typed))));
}
