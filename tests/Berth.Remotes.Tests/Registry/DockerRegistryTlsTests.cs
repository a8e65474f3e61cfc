using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Registry;
using Berth.Testing;
using Berth.Testing.Registry;

namespace Berth.Remotes.Tests.Registry;

/// <summary>docker-registry over HTTPS from a test CA, with mutual TLS and htpasswd accounts.</summary>
[Trait("Category", "Integration")]
public sealed class DockerRegistryTlsTests : DockerRegistryTestBase
{
    [Fact]
    public async Task Tls_CaInCertsD_VerifiesTheRegistry()
    {
        await using var server = await StartAsync(RegistryServerOptions.WithTls);
        var client = Factory(Verified(server, server.CertsDirectory)).Create(server.Host, null);
        var reference = ImageReference.Parse($"{server.Host}/test/tls:v1");

        await PushAsync(client, reference, Image);

        await AssertPullsAsync(client, reference, Image);
    }

    [Fact]
    public async Task Tls_WithoutTheCa_RefusesTheRegistry()
    {
        await using var server = await StartAsync(RegistryServerOptions.WithTls);
        using var empty = new TempDirectory("certs");
        var client = Factory(Verified(server, empty.Path)).Create(server.Host, null);

        var error = await Assert.ThrowsAsync<UnavailableException>(() => client.PingAsync(Ct).AsTask());

        Assert.Contains($"{server.Host}/ca.crt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_InsecureHost_AcceptsAnUnverifiedCertificate()
    {
        await using var server = await StartAsync(RegistryServerOptions.WithTls);
        using var empty = new TempDirectory("certs");

        await Factory(new RegistryHostOptions { CertsDirectory = empty.Path }).Create(server.Host, null).PingAsync(Ct);
    }

    [Fact]
    public async Task MutualTls_ClientPairInCertsD_IsPresented()
    {
        await using var server = await StartAsync(new RegistryServerOptions { RequireClientCertificate = true });
        using var caOnly = new TempDirectory("certs");
        Directory.CreateDirectory(caOnly.Combine(server.Host));
        File.Copy(Path.Combine(server.CertsDirectory, server.Host, "ca.crt"), caOnly.Combine(server.Host, "ca.crt"));

        await Factory(Verified(server, server.CertsDirectory)).Create(server.Host, null).PingAsync(Ct);
        await Assert.ThrowsAsync<UnavailableException>(() => Factory(Verified(server, caOnly.Path)).Create(server.Host, null).PingAsync(Ct).AsTask());
    }

    [Fact]
    public async Task Htpasswd_RightCredentials_PushAndPull()
    {
        await using var server = await StartAsync(RegistryServerOptions.WithTlsAndUser("alice", "s3cret"));
        var client = Factory(Verified(server, server.CertsDirectory)).Create(server.Host, new RegistryCredentials("alice", "s3cret"));
        var reference = ImageReference.Parse($"{server.Host}/alice/app:v1");

        await client.PingAsync(Ct);
        await PushAsync(client, reference, Image);

        await AssertPullsAsync(client, reference, Image);
    }

    [Fact]
    public async Task Htpasswd_MissingOrWrongCredentials_AreRefused()
    {
        await using var server = await StartAsync(RegistryServerOptions.WithTlsAndUser("alice", "s3cret"));
        await server.PushAsync(Image, "alice/app", "v1", Ct);
        var factory = Factory(Verified(server, server.CertsDirectory));
        var reference = ImageReference.Parse($"{server.Host}/alice/app:v1");

        var anonymous = await Assert.ThrowsAsync<PermissionDeniedException>(() => factory.Create(server.Host, null).ResolveAsync(reference, Ct).AsTask());
        var wrong = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => factory.Create(server.Host, new RegistryCredentials("alice", "nope")).PingAsync(Ct).AsTask());

        Assert.Contains($"pull access denied for {server.Host}/alice/app", anonymous.Message, StringComparison.Ordinal);
        Assert.Contains($"berth login {server.Host}", anonymous.Message, StringComparison.Ordinal);
        Assert.StartsWith($"login to {server.Host} failed", wrong.Message, StringComparison.Ordinal);
    }
}
