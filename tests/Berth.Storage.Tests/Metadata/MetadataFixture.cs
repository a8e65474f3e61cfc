using System.Text;
using Berth.Core.Content;
using Berth.Core.Metadata;
using Berth.Core.Snapshots;
using Berth.Oci;
using Berth.Storage.Metadata;
using Berth.Storage.Tests.Metadata.Fakes;
using Berth.Testing;

namespace Berth.Storage.Tests.Metadata;

/// <summary>A metadata store in a temp folder over in-memory backends, with two snapshotters.</summary>
public sealed class MetadataFixture : IAsyncDisposable
{
    public const string Overlay = "overlayfs";
    public const string Native = "native";

    private readonly TempDirectory _directory = new("metadata");

    public MetadataFixture()
    {
        Time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        Content = new InMemoryContentStore(Time);
        Snapshots = new InMemorySnapshotter(Time);
        NativeSnapshots = new InMemorySnapshotter(Time);
        Store = Open();
    }

    public ManualTimeProvider Time { get; }

    public InMemoryContentStore Content { get; }

    public InMemorySnapshotter Snapshots { get; }

    public InMemorySnapshotter NativeSnapshots { get; }

    public string DatabasePath => _directory.Combine(MetadataStore.FileName);

    internal MetadataStore Store { get; private set; }

    public INamespaceScope Scope(string ns, string? lease = null) => Store.ForNamespace(ns, lease);

    /// <summary>Closes the store and opens the same file again, as a daemon restart would.</summary>
    internal async Task<MetadataStore> ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
        return Store;
    }

    public static async Task<Digest> WriteAsync(IContentStore content, string text, IReadOnlyDictionary<string, string>? labels = null,
        string? reference = null)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var digest = Digest.Sha256(data);
        await using var writer = await content.OpenWriterAsync(
            new ContentWriterOptions(reference ?? "ref-" + digest.Encoded[..12]) { ExpectedDigest = digest, ExpectedSize = data.Length },
            TestContext.Current.CancellationToken);
        await writer.WriteAsync(data, TestContext.Current.CancellationToken);
        await writer.CommitAsync(data.Length, digest, labels, TestContext.Current.CancellationToken);
        return digest;
    }

    public static Digest DigestOf(string text) => Digest.Sha256(Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }

    private MetadataStore Open() => new(DatabasePath, Content,
        new Dictionary<string, ISnapshotter> { [Overlay] = Snapshots, [Native] = NativeSnapshots },
        content => new RecordingDiffService(content), logger: null, Time);
}
