using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Registry;
using Berth.Remotes.Tests.Registry.Fakes;

namespace Berth.Remotes.Tests.Registry;

public sealed class RegistryMirrorTests : RegistryClientTestBase
{
    private IRegistryClient ClientWithMirrors(params string[] mirrors) => CreateFactory(new RegistryHostOptions
    {
        Hosts = new Dictionary<string, RegistryHost> { [Registry.Host] = new() { Insecure = true, Mirrors = mirrors } },
    }).Create(Registry.Host, null);

    [Fact]
    public async Task Resolve_MirrorHasTheManifest_TheHostIsNotAsked()
    {
        await using var mirror = await FakeRegistry.StartAsync();
        var stored = mirror.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());

        var resolved = await ClientWithMirrors($"http://{mirror.Host}").ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Equal(stored, resolved);
        Assert.Empty(Registry.RequestsTo("/manifests/"));
        Assert.Equal($"?ns={Uri.EscapeDataString(Registry.Host)}", Assert.Single(mirror.RequestsTo("/manifests/")).Query);
    }

    [Fact]
    public async Task Fetch_MirrorMissesTheBlob_TheHostServesIt()
    {
        await using var mirror = await FakeRegistry.StartAsync();
        var blob = Registry.AddBlob("test/app", RandomBytes(100));

        var stream = await ClientWithMirrors($"http://{mirror.Host}").FetchAsync(Reference("test/app"), blob, 0, Ct);

        Assert.Equal(Registry.Blob(blob.Digest), await ReadAllAsync(stream, Ct));
        Assert.Single(mirror.RequestsTo("/blobs/"));
    }

    [Fact]
    public async Task Resolve_MirrorDown_PassesToTheHostWithoutRetryingTheMirror()
    {
        var stored = Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());

        var resolved = await ClientWithMirrors($"http://127.0.0.1:{FakeRegistry.ClosedPort()}/prefix").ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Equal(stored, resolved);
    }

    [Fact]
    public async Task Resolve_NeitherHasIt_ReportsTheHostsAnswer()
    {
        await using var mirror = await FakeRegistry.StartAsync();
        mirror.InterceptFirst(100, _ => true, FakeRegistry.Status(503));

        await Assert.ThrowsAsync<NotFoundException>(() => ClientWithMirrors($"http://{mirror.Host}").ResolveAsync(Reference("test/app:v1"), Ct).AsTask());
    }

    [Fact]
    public async Task PushManifest_WithMirrors_GoesToTheHostOnly()
    {
        await using var mirror = await FakeRegistry.StartAsync();
        byte[] body = ManifestBody();
        var descriptor = new Descriptor(MediaTypes.OciManifest, Digest.Sha256(body), body.Length);

        await ClientWithMirrors($"http://{mirror.Host}").PushManifestAsync(Reference("test/app:v1"), descriptor, body, Ct);

        Assert.Empty(mirror.Requests);
        Assert.Single(Registry.RequestsTo("/manifests/"));
    }
}
