using System.Text;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Registry;
using Berth.Remotes.Tests.Registry.Fakes;

namespace Berth.Remotes.Tests.Registry;

/// <summary>A fake registry per test and a factory with short delays, so that retries take milliseconds.</summary>
public abstract class RegistryClientTestBase : IAsyncLifetime
{
    private readonly List<IDisposable> _factories = [];

    internal static RegistryClientSettings FastSettings { get; } = new()
    {
        MaxAttempts = 4,
        InitialBackoff = TimeSpan.FromMilliseconds(5),
        MaxBackoff = TimeSpan.FromMilliseconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ResponseTimeout = TimeSpan.FromSeconds(5),
        ReadTimeout = TimeSpan.FromSeconds(1),
    };

    protected FakeRegistry Registry { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => Registry = await FakeRegistry.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _factories.ForEach(f => f.Dispose());
        await Registry.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    internal RegistryClientFactory CreateFactory(RegistryHostOptions? options = null, RegistryClientSettings? settings = null,
        TimeProvider? time = null)
    {
        var factory = new RegistryClientFactory(options ?? new RegistryHostOptions(), null, time, settings ?? FastSettings);
        _factories.Add(factory);
        return factory;
    }

    internal IRegistryClient CreateClient(RegistryCredentials? credentials = null, RegistryClientSettings? settings = null)
        => CreateFactory(settings: settings).Create(Registry.Host, credentials);

    protected ImageReference Reference(string nameAndTag) => ImageReference.Parse($"{Registry.Host}/{nameAndTag}");

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static byte[] RandomBytes(int length)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);
        return data;
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        await using (stream)
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, ct);
            return copy.ToArray();
        }
    }

    /// <summary>A small OCI manifest body (its blobs need not exist for resolve tests).</summary>
    protected static byte[] ManifestBody(string mediaType = MediaTypes.OciManifest) => Bytes(
        $$"""{"schemaVersion":2,"mediaType":"{{mediaType}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"{{Digest.EmptySha256}}","size":0},"layers":[]}""");
}
