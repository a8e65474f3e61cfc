using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Tests.Registry.Fakes;

namespace Berth.Remotes.Tests.Registry;

public sealed class RegistryAuthTests : RegistryClientTestBase
{
    [Fact]
    public async Task Resolve_AnonymousBearerChallenge_FetchesATokenForThePullScope()
    {
        Registry.Auth = FakeAuth.Bearer();
        var stored = Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());

        var resolved = await CreateClient().ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Equal(stored, resolved);
        Assert.Equal("repository:test/app:pull", Assert.Single(Registry.TokenRequests));
        var tokenRequest = Assert.Single(Registry.RequestsTo("/token"));
        Assert.Null(tokenRequest.Header("Authorization"));
        Assert.Contains("service=fake-registry", tokenRequest.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_BearerWithCredentials_SendsBasicToTheRealmAndNamesTheAccount()
    {
        Registry.Auth = FakeAuth.Bearer("alice", "secret");
        var blob = Registry.AddBlob("test/app", Bytes("hello"));

        byte[] read = await ReadAllAsync(await CreateClient(new RegistryCredentials("alice", "secret")).FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);

        Assert.Equal(Bytes("hello"), read);
        var tokenRequest = Assert.Single(Registry.RequestsTo("/token"));
        Assert.StartsWith("Basic ", tokenRequest.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("account=alice", tokenRequest.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_BasicChallenge_SendsTheCredentials()
    {
        Registry.Auth = FakeAuth.Basic("alice", "secret");
        var blob = Registry.AddBlob("test/app", Bytes("hello"));
        var client = CreateClient(new RegistryCredentials("alice", "secret"));

        await ReadAllAsync(await client.FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);
        await ReadAllAsync(await client.FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);

        // The first request learns the challenge; later ones carry credentials up front.
        Assert.Equal([null, "Basic", "Basic"], Registry.RequestsTo("/blobs/").Select(r => r.Header("Authorization")?[..5]));
    }

    [Fact]
    public async Task Resolve_BasicChallengeWithoutCredentials_ThrowsPermissionDeniedNamingLogin()
    {
        Registry.Auth = FakeAuth.Basic("alice", "secret");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(() => CreateClient().ResolveAsync(Reference("test/app:v1"), Ct).AsTask());

        Assert.Contains($"pull access denied for {Registry.Host}/test/app", error.Message, StringComparison.Ordinal);
        Assert.Contains("unauthorized: authentication required", error.Message, StringComparison.Ordinal);
        Assert.Contains($"berth login {Registry.Host}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_WrongPasswordAtTheRealm_ThrowsPermissionDenied()
    {
        Registry.Auth = FakeAuth.Bearer("alice", "secret");

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => CreateClient(new RegistryCredentials("alice", "wrong")).ResolveAsync(Reference("test/app:v1"), Ct).AsTask());

        Assert.Contains("incorrect username or password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_FreshTokenRefused_ThrowsPermissionDeniedWithoutLooping()
    {
        Registry.Auth = FakeAuth.Bearer() with { RefuseTokens = true };

        await Assert.ThrowsAsync<PermissionDeniedException>(() => CreateClient().ResolveAsync(Reference("test/app:v1"), Ct).AsTask());

        // HEAD without credentials, with a fresh token; GET with another fresh token; then the refusal stands.
        Assert.Equal(["HEAD", "HEAD", "GET"], Registry.RequestsTo("/manifests/").Select(r => r.Method));
    }

    [Fact]
    public async Task Requests_SameScopes_ShareOneTokenAndPushScopesGetAnother()
    {
        Registry.Auth = FakeAuth.Bearer();
        var blob = Registry.AddBlob("test/app", Bytes("hello"));
        var client = CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ => await ReadAllAsync(await client.FetchAsync(Reference("test/app"), blob, 0, Ct), Ct)));
        Assert.True(await client.BlobExistsAsync(Reference("test/app"), blob, Ct));

        Assert.Equal(["repository:test/app:pull", "repository:test/app:pull,push"], Registry.TokenRequests);
    }

    [Fact]
    public async Task Fetch_TokenExpired_FetchesANewOne()
    {
        Registry.Auth = FakeAuth.Bearer() with { ExpiresIn = null }; // the spec's default: 60 s
        var blob = Registry.AddBlob("test/app", Bytes("hello"));
        var time = new ManualTimeProvider();
        var client = CreateFactory(time: time).Create(Registry.Host, null);

        await ReadAllAsync(await client.FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);
        time.Advance(TimeSpan.FromSeconds(50));
        await ReadAllAsync(await client.FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);
        time.Advance(TimeSpan.FromSeconds(11));
        await ReadAllAsync(await client.FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);

        Assert.Equal(2, Registry.TokenRequests.Count);
    }

    [Fact]
    public async Task Resolve_BasicAndBearerInOneHeader_PrefersBearer()
    {
        Registry.Auth = FakeAuth.Bearer() with { CombineChallenges = true };
        Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());

        await CreateClient(new RegistryCredentials("alice", "secret")).ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Single(Registry.TokenRequests);
    }

    [Fact]
    public async Task Resolve_IdentityToken_PostsARefreshTokenGrant()
    {
        Registry.Auth = FakeAuth.Bearer() with { IdentityToken = "refresh-me", Username = "ignored" };
        Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());

        await CreateClient(new RegistryCredentials("<token>", null) { IdentityToken = "refresh-me" }).ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Equal("POST", Assert.Single(Registry.RequestsTo("/token")).Method);
    }

    [Fact]
    public async Task Ping_Credentials_ChecksThemAgainstTheRegistry()
    {
        Registry.Auth = FakeAuth.Basic("alice", "secret");

        await CreateClient(new RegistryCredentials("alice", "secret")).PingAsync(Ct);
        var error = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => CreateClient(new RegistryCredentials("alice", "wrong")).PingAsync(Ct).AsTask());

        Assert.StartsWith($"login to {Registry.Host} failed", error.Message, StringComparison.Ordinal);
    }
}
