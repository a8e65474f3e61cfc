using System.Runtime.Versioning;
using Berth.Core.Content;
using Berth.Core.Images;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;
using Berth.Remotes.Registry;
using Berth.Remotes.Tests.Pull;
using Berth.Remotes.Tests.Registry;
using Berth.Remotes.Tests.Registry.Fakes;
using Berth.Testing;

namespace Berth.Remotes.Tests.Push;

/// <summary>
/// An <see cref="ImageTransfer"/> over real storage in a temp folder, pushing over HTTP to a <see cref="FakeRegistry"/>
/// through the real registry client. Images are put into the store directly (<see cref="StoreAsync"/>).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class PushFixture : IAsyncDisposable
{
    public const string Namespace = "pushtest";

    private readonly TempDirectory _directory;
    private readonly RegistryClientFactory _registries;
    private bool _stopped;

    private PushFixture(TempDirectory directory, StorageStack storage, FakeRegistry registry, ImageTransferSettings settings)
    {
        _directory = directory;
        Storage = storage;
        Registry = registry;
        _registries = new RegistryClientFactory(new RegistryHostOptions(), null, null, RegistryClientTestBase.FastSettings);
        Transfer = new ImageTransfer(_registries, storage.Metadata, StorageStack.Overlay, settings: settings);
    }

    public FakeRegistry Registry { get; }

    public StorageStack Storage { get; }

    public ImageTransfer Transfer { get; }

    public INamespaceScope Scope => Storage.Metadata.ForNamespace(Namespace);

    /// <summary>The key of the distribution source label for the fake registry's host.</summary>
    public static string SourceKey => "containerd.io/distribution.source.127.0.0.1";

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<PushFixture> CreateAsync(ImageTransferSettings? settings = null)
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "needs root: the storage stack opens overlayfs and native snapshotters");
        var directory = new TempDirectory("push");
        FakeRegistry? registry = null;
        try
        {
            var storage = await StorageStack.OpenAsync(directory.Combine("root"), Token);
            registry = await FakeRegistry.StartAsync();
            return new PushFixture(directory, storage, registry, settings ?? new ImageTransferSettings());
        }
        catch
        {
            if (registry is not null)
            {
                await registry.DisposeAsync();
            }

            directory.Dispose();
            throw;
        }
    }

    public ImageReference Reference(string nameAndTag) => ImageReference.Parse($"{Registry.Host}/{nameAndTag}");

    /// <summary>
    /// Writes the image's blobs (but <paramref name="leaveOut"/>) into the store, each labelled as coming from
    /// <paramref name="source"/> when given, and names the image <paramref name="name"/>.
    /// </summary>
    public async Task StoreAsync(ImageReference name, TestImage image, string? source = null, params Digest[] leaveOut)
    {
        foreach (var (digest, blob) in image.Blobs.Where(b => !leaveOut.Contains(b.Key)))
        {
            var labels = source is null ? null : new Dictionary<string, string> { [SourceKey] = source };
            var writer = await Scope.Content.OpenWriterAsync(new ContentWriterOptions("test-" + digest), Token);
            await using (writer)
            {
                await writer.WriteAsync(blob, Token);
                await writer.CommitAsync(blob.Length, digest, labels, Token);
            }
        }

        await Scope.Images.CreateAsync(new Image(name.ToString(), image.Root with { Platform = null }), Token);
    }

    /// <summary>Pushes to the end and returns every progress item.</summary>
    public async Task<List<TransferProgress>> PushAsync(ImageReference name, string? platform = null, RegistryCredentials? credentials = null)
    {
        var request = new ImagePushRequest(name.ToString()) { Platform = platform is null ? null : Platforms.Parse(platform), Credentials = credentials };
        var items = new List<TransferProgress>();
        await foreach (var item in Transfer.PushAsync(Scope, request, Token))
        {
            items.Add(item);
        }

        return items;
    }

    public async Task<IReadOnlyDictionary<string, string>> LabelsAsync(Digest digest) => (await Scope.Content.InfoAsync(digest, Token)).Labels;

    /// <summary>The blob uploads finished (PUT to an upload session), in order.</summary>
    public List<RecordedRequest> Uploads() => [.. Registry.Requests.Where(r => r.Method == "PUT" && r.Path.Contains("/blobs/uploads/", StringComparison.Ordinal))];

    /// <summary>Stops the transfer as the daemon does when it shuts down (once: ImageTransfer is disposed only once).</summary>
    public async Task StopTransferAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Transfer.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopTransferAsync();
        _registries.Dispose();
        await Registry.DisposeAsync();
        await Storage.DisposeAsync();
        _directory.Dispose();
    }
}
