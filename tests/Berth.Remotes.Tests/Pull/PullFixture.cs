using System.Runtime.Versioning;
using Berth.Core.Content;
using Berth.Core.Metadata;
using Berth.Core.Snapshots;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;
using Berth.Remotes.Tests.Pull.Fakes;
using Berth.Testing;
using Berth.Testing.Snapshots;

namespace Berth.Remotes.Tests.Pull;

/// <summary>An <see cref="ImageTransfer"/> over real storage in a temp folder and a <see cref="FakeRegistry"/>.</summary>
[SupportedOSPlatform("linux")]
internal sealed class PullFixture : IAsyncDisposable
{
    public const string Namespace = "pulltest";

    private readonly TempDirectory _directory;

    private PullFixture(TempDirectory directory, StorageStack storage, ImageTransferSettings settings)
    {
        _directory = directory;
        Storage = storage;
        Transfer = new ImageTransfer(Registry, storage.Metadata, StorageStack.Overlay, settings: settings);
    }

    public FakeRegistry Registry { get; } = new();

    /// <summary>The storage's root folder (content, snapshots, metadata).</summary>
    public string Root => _directory.Combine("root");

    public StorageStack Storage { get; }

    public ImageTransfer Transfer { get; }

    public INamespaceScope Scope => Storage.Metadata.ForNamespace(Namespace);

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<PullFixture> CreateAsync(ImageTransferSettings? settings = null)
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "needs root: unpacking makes whiteout devices and overlay mounts");
        var directory = new TempDirectory("pull");
        try
        {
            var storage = await StorageStack.OpenAsync(directory.Combine("root"), Token);
            return new PullFixture(directory, storage, settings ?? new ImageTransferSettings { ResumeDelay = TimeSpan.FromMilliseconds(10) });
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Pulls to the end and returns every progress item.</summary>
    public async Task<List<TransferProgress>> PullAsync(ImagePullRequest request, CancellationToken cancellationToken = default)
    {
        var items = new List<TransferProgress>();
        await foreach (var item in Transfer.PullAsync(Scope, request, cancellationToken == default ? Token : cancellationToken))
        {
            items.Add(item);
        }

        return items;
    }

    public Task<List<TransferProgress>> PullAsync(ImageReference reference, string? platform = null, string snapshotter = StorageStack.Overlay)
        => PullAsync(new ImagePullRequest(reference.ToString()) { Platform = platform is null ? null : Platforms.Parse(platform), Snapshotter = snapshotter });

    public async Task<Dictionary<Digest, ContentInfo>> ContentAsync()
    {
        var blobs = new Dictionary<Digest, ContentInfo>();
        await foreach (var info in Scope.Content.WalkAsync(null, Token))
        {
            blobs[info.Digest] = info;
        }

        return blobs;
    }

    public async Task<Dictionary<string, SnapshotInfo>> SnapshotsAsync(string snapshotter = StorageStack.Overlay)
    {
        var snapshots = new Dictionary<string, SnapshotInfo>(StringComparer.Ordinal);
        await foreach (var info in Scope.Snapshotter(snapshotter).WalkAsync(null, Token))
        {
            snapshots[info.Name] = info;
        }

        return snapshots;
    }

    /// <summary>Mounts a read-only view of a committed snapshot and returns the text of each path (null where absent).</summary>
    public async Task<Dictionary<string, string?>> ReadFilesAsync(string snapshotter, Digest chainId, params string[] paths)
    {
        var sn = Scope.Snapshotter(snapshotter);
        string key = "test-view-" + Guid.NewGuid().ToString("N");
        var mounts = await sn.ViewAsync(key, chainId.ToString(), null, Token);
        string target = _directory.Combine(key);
        Directory.CreateDirectory(target);
        try
        {
            using var mounted = MountedSnapshot.Mount(mounts, target);
            return paths.ToDictionary(p => p, p => File.Exists(Path.Combine(target, p)) ? File.ReadAllText(Path.Combine(target, p)) : null);
        }
        finally
        {
            await sn.RemoveAsync(key, Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Transfer.DisposeAsync();
        await Storage.DisposeAsync();
        _directory.Dispose();
    }
}
