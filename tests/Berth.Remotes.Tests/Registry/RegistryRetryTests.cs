using System.Diagnostics;
using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Registry;
using Berth.Remotes.Tests.Registry.Fakes;

namespace Berth.Remotes.Tests.Registry;

public sealed class RegistryRetryTests : RegistryClientTestBase
{
    [Fact]
    public async Task Fetch_ServerErrorThenSuccess_Retries()
    {
        var blob = Registry.AddBlob("test/app", Bytes("hello"));
        Registry.InterceptFirst(2, FakeRegistry.Is("GET", "/blobs/"), FakeRegistry.Status(500));

        byte[] read = await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);

        Assert.Equal(Bytes("hello"), read);
        Assert.Equal(3, Registry.RequestsTo("/blobs/").Count());
    }

    [Fact]
    public async Task Resolve_TooManyRequestsWithRetryAfter_WaitsAsAsked()
    {
        Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());
        Registry.InterceptFirst(1, FakeRegistry.Is("HEAD", "/manifests/"), FakeRegistry.Status(429, retryAfter: "1"));
        var watch = Stopwatch.StartNew();

        await CreateClient().ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Resolve_TooManyRequestsWithRetryAfterDate_WaitsUntilThen()
    {
        Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());
        var until = DateTimeOffset.UtcNow.AddSeconds(2);
        Registry.InterceptFirst(1, FakeRegistry.Is("HEAD", "/manifests/"), FakeRegistry.Status(429, retryAfter: until.ToString("R")));

        await CreateClient().ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.True(DateTimeOffset.UtcNow >= until.AddSeconds(-1), "the retry came before the date the registry gave");
    }

    [Fact]
    public async Task Resolve_RetryAfterBeyondTheLimit_ThrowsResourceExhaustedAtOnce()
    {
        Registry.InterceptFirst(10, FakeRegistry.Is("HEAD", "/manifests/"), FakeRegistry.Status(429, retryAfter: "3600"));

        var error = await Assert.ThrowsAsync<ResourceExhaustedException>(() => CreateClient().ResolveAsync(Reference("test/app:v1"), Ct).AsTask());

        Assert.Contains("rate-limiting", error.Message, StringComparison.Ordinal);
        Assert.Single(Registry.RequestsTo("/manifests/"));
    }

    [Fact]
    public async Task Fetch_ConnectionReset_Retries()
    {
        var blob = Registry.AddBlob("test/app", Bytes("hello"));
        Registry.InterceptFirst(1, FakeRegistry.Is("GET", "/blobs/"), FakeRegistry.Reset);

        Assert.Equal(Bytes("hello"), await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 0, Ct), Ct));
    }

    [Fact]
    public async Task Resolve_AlwaysUnavailable_GivesUpAfterTheAttempts()
    {
        Registry.InterceptFirst(100, FakeRegistry.Is("HEAD", "/manifests/"), FakeRegistry.Status(503));

        var error = await Assert.ThrowsAsync<UnavailableException>(() => CreateClient().ResolveAsync(Reference("test/app:v1"), Ct).AsTask());

        Assert.Equal(FastSettings.MaxAttempts, Registry.RequestsTo("/manifests/").Count());
        Assert.Contains("try again later", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_NothingListening_ThrowsUnavailableNamingTheRegistry()
    {
        string host = $"127.0.0.1:{FakeRegistry.ClosedPort()}";

        var error = await Assert.ThrowsAsync<UnavailableException>(
            () => CreateFactory().Create(host, null).ResolveAsync(ImageReference.Parse($"{host}/test/app:v1"), Ct).AsTask());

        Assert.Contains($"cannot reach the registry at https://{host}", error.Message, StringComparison.Ordinal);
        Assert.Contains("check that it is running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_PlainHttpRegistryNotMarkedInsecure_RefusesToFallBack()
    {
        var options = new RegistryHostOptions { Hosts = new Dictionary<string, RegistryHost> { [Registry.Host] = new() { Insecure = false } } };

        var error = await Assert.ThrowsAsync<UnavailableException>(
            () => CreateFactory(options).Create(Registry.Host, null).ResolveAsync(Reference("test/app:v1"), Ct).AsTask());

        Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Registry.Host}/ca.crt", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Registry.Requests, r => r.Path.StartsWith("/v2/", StringComparison.Ordinal));
    }
}
