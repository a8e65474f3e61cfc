using Berth.Oci;
using Berth.Remotes.Registry;
using Berth.Testing.Registry;

namespace Berth.Remotes.Tests.Registry;

/// <summary>
/// Runs the client against the real thing, Debian's docker-registry, started per test by <see cref="RegistryServer"/>;
/// skipped where it is not installed.
/// </summary>
public abstract class DockerRegistryTestBase : IDisposable
{
    protected static readonly TestImage Image = TestImage.Create(new Dictionary<string, string> { ["hello.txt"] = "hello from berth\n" });
    private readonly List<RegistryClientFactory> _factories = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _factories.ForEach(f => f.Dispose());
        GC.SuppressFinalize(this);
    }

    protected static async Task<RegistryServer> StartAsync(RegistryServerOptions options)
    {
        Assert.SkipUnless(File.Exists("/usr/bin/docker-registry"), "docker-registry is not installed");
        return await RegistryServer.StartAsync(options, Ct);
    }

    internal static RegistryHostOptions Verified(RegistryServer server, string certsDirectory) => new()
    {
        CertsDirectory = certsDirectory,
        Hosts = new Dictionary<string, RegistryHost> { [server.Host] = new() { Insecure = false } },
    };

    internal RegistryClientFactory Factory(RegistryHostOptions options, RegistryClientSettings? settings = null)
    {
        var factory = new RegistryClientFactory(options, null, null, settings ?? RegistryClientTestBase.FastSettings);
        _factories.Add(factory);
        return factory;
    }

    internal static async Task PushAsync(IRegistryClient client, ImageReference reference, TestImage image)
    {
        foreach (var (descriptor, content) in image.Blobs)
        {
            Assert.False(await client.BlobExistsAsync(reference, descriptor, Ct));
            await client.PushBlobAsync(reference, descriptor, new MemoryStream(content), Ct);
            Assert.True(await client.BlobExistsAsync(reference, descriptor, Ct));
        }

        await client.PushManifestAsync(reference, image.ManifestDescriptor, image.Manifest, Ct);
    }

    internal static async Task AssertPullsAsync(IRegistryClient client, ImageReference reference, TestImage image)
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
