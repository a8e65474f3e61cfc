using System.Diagnostics;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Registry;
using Berth.Testing;
using Berth.Testing.Registry;

namespace Berth.Remotes.Tests.Registry;

/// <summary>The client against the real thing: Debian's docker-registry, over HTTP, HTTPS, mutual TLS and htpasswd.</summary>
[Trait("Category", "Integration")]
public sealed class DockerRegistryTests : IDisposable
{
    private static readonly TestImage Image = TestImage.Create(new Dictionary<string, string> { ["hello.txt"] = "hello from berth\n" });
    private readonly List<RegistryClientFactory> _factories = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _factories.ForEach(f => f.Dispose());

    [Fact]
    public async Task PushThenPull_PlainHttpOnLoopback_FallsBackToHttpAndRoundTrips()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        var client = Factory(new RegistryHostOptions()).Create(server.Host, null);
        var reference = ImageReference.Parse($"{server.Host}/test/app:v1");

        await PushAsync(client, reference, Image);

        await AssertPullsAsync(client, reference, Image);
    }

    [Fact]
    public async Task Pull_ImagePushedWithoutBerth_ReadsEveryBlob()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        await server.PushAsync(Image, "test/other", "latest", Ct);

        await AssertPullsAsync(Factory(new RegistryHostOptions()).Create(server.Host, null), ImageReference.Parse($"{server.Host}/test/other"), Image);
    }

    [Fact]
    public async Task PushBlob_InChunks_IsAcceptedByDistribution()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        var settings = RegistryClientTestBase.FastSettings with { MonolithicUploadLimit = 100, UploadChunkSize = 64 };
        var client = Factory(new RegistryHostOptions(), settings).Create(server.Host, null);
        var reference = ImageReference.Parse($"{server.Host}/test/chunked:v1");

        await PushAsync(client, reference, Image);

        await AssertPullsAsync(client, reference, Image);
    }

    [Fact]
    public async Task TryMountBlob_FromAnotherRepository_Mounts()
    {
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        await server.PushAsync(Image, "test/base", "v1", Ct);
        var client = Factory(new RegistryHostOptions()).Create(server.Host, null);
        var target = ImageReference.Parse($"{server.Host}/test/derived");

        Assert.True(await client.TryMountBlobAsync(target, Image.LayerDescriptor, "test/base", Ct));
        Assert.False(await client.TryMountBlobAsync(target, Image.ManifestDescriptor with { MediaType = "application/octet-stream" }, "test/base", Ct));

        Assert.True(await client.BlobExistsAsync(target, Image.LayerDescriptor, Ct));
    }

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

    [Fact]
    public async Task Push_ThenSkopeoInspect_SeesTheSameManifestDigest()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/skopeo"), "skopeo is not installed");
        await using var server = await StartAsync(RegistryServerOptions.Plain);
        var reference = ImageReference.Parse($"{server.Host}/test/interop:v1");
        await PushAsync(Factory(new RegistryHostOptions()).Create(server.Host, null), reference, Image);

        using var skopeo = Process.Start(new ProcessStartInfo("skopeo", ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", $"docker://{reference}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string output = await skopeo.StandardOutput.ReadToEndAsync(Ct);
        await skopeo.WaitForExitAsync(Ct);

        Assert.True(skopeo.ExitCode == 0, await skopeo.StandardError.ReadToEndAsync(Ct));
        Assert.Equal(Image.ManifestDescriptor.Digest.ToString(), output.Trim());
    }

    private static async Task<RegistryServer> StartAsync(RegistryServerOptions options)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/docker-registry"), "docker-registry is not installed");
        return await RegistryServer.StartAsync(options, Ct);
    }

    private static RegistryHostOptions Verified(RegistryServer server, string certsDirectory) => new()
    {
        CertsDirectory = certsDirectory,
        Hosts = new Dictionary<string, RegistryHost> { [server.Host] = new() { Insecure = false } },
    };

    private RegistryClientFactory Factory(RegistryHostOptions options, RegistryClientSettings? settings = null)
    {
        var factory = new RegistryClientFactory(options, null, null, settings ?? RegistryClientTestBase.FastSettings);
        _factories.Add(factory);
        return factory;
    }

    private static async Task PushAsync(IRegistryClient client, ImageReference reference, TestImage image)
    {
        foreach (var (descriptor, content) in image.Blobs)
        {
            Assert.False(await client.BlobExistsAsync(reference, descriptor, Ct));
            await client.PushBlobAsync(reference, descriptor, new MemoryStream(content), Ct);
            Assert.True(await client.BlobExistsAsync(reference, descriptor, Ct));
        }

        await client.PushManifestAsync(reference, image.ManifestDescriptor, image.Manifest, Ct);
    }

    private static async Task AssertPullsAsync(IRegistryClient client, ImageReference reference, TestImage image)
    {
        var resolved = await client.ResolveAsync(reference, Ct);
        Assert.Equal(image.ManifestDescriptor, resolved);
        foreach (var (descriptor, content) in image.Blobs.Prepend((image.ManifestDescriptor, image.Manifest)))
        {
            await using var stream = await client.FetchAsync(reference, descriptor, 0, Ct);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            Assert.Equal(content, copy.ToArray());
        }
    }
}
