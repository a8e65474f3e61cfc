using System.Reflection;
using System.Runtime.Versioning;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Metadata;
using Berth.Core.Snapshots;
using Berth.Linux;
using Berth.Storage.Diff;
using Berth.Storage.Snapshots.Native;
using Berth.Storage.Snapshots.Overlay;

namespace Berth.Remotes.Tests.Pull;

/// <summary>
/// The daemon's real storage in a folder: the local content store, overlayfs and native snapshotters, the SQLite
/// metadata store and the diff service. LocalContentStore and MetadataStore are internal to Berth.Storage and only its
/// own tests see them, so they are made by reflection here (InternalsVisibleTo for this project would remove this).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class StorageStack : IAsyncDisposable
{
    public const string Overlay = "overlayfs";
    public const string Native = "native";

    private static readonly Assembly Storage = typeof(DiffService).Assembly;

    private readonly IAsyncDisposable _metadataDisposable;

    private StorageStack(IMetadataStore metadata, IContentStore backendContent)
    {
        Metadata = metadata;
        BackendContent = backendContent;
        _metadataDisposable = (IAsyncDisposable)metadata;
    }

    public IMetadataStore Metadata { get; }

    public IContentStore BackendContent { get; }

    public static async Task<StorageStack> OpenAsync(string root, CancellationToken cancellationToken)
    {
        string scratch = Path.Combine(root, "tmpmounts");
        Directory.CreateDirectory(scratch);
        var content = await OpenContentAsync(Path.Combine(root, "content"));
        var snapshotters = new Dictionary<string, ISnapshotter>
        {
            [Overlay] = await OverlaySnapshotter.OpenAsync(Path.Combine(root, "snapshots", Overlay), LinuxSyscalls.Instance, cancellationToken: cancellationToken),
            [Native] = await NativeSnapshotter.OpenAsync(Path.Combine(root, "snapshots", Native), LinuxSyscalls.Instance, cancellationToken: cancellationToken),
        };
        Func<IContentStore, IDiffService> diff = c => new DiffService(c, LinuxSyscalls.Instance, scratch);
        var type = Storage.GetType("Berth.Storage.Metadata.MetadataStore", throwOnError: true)!;
        var constructor = type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance,
            [typeof(string), typeof(IContentStore), typeof(IReadOnlyDictionary<string, ISnapshotter>), typeof(Func<IContentStore, IDiffService>),
             typeof(Microsoft.Extensions.Logging.ILogger), typeof(TimeProvider)])!;
        var metadata = (IMetadataStore)constructor.Invoke([Path.Combine(root, "metadata.db"), content, snapshotters, diff, null, null]);
        return new StorageStack(metadata, content);
    }

    public ValueTask DisposeAsync() => _metadataDisposable.DisposeAsync();

    private static async Task<IContentStore> OpenContentAsync(string root)
    {
        var type = Storage.GetType("Berth.Storage.Content.Local.LocalContentStore", throwOnError: true)!;
        var open = type.GetMethod("OpenAsync", BindingFlags.Public | BindingFlags.Static)!;
        object pending = open.Invoke(null, [root, LinuxSyscalls.Instance, null, CancellationToken.None])!;
        var task = (Task)pending.GetType().GetMethod("AsTask")!.Invoke(pending, null)!;
        await task;
        return (IContentStore)task.GetType().GetProperty("Result")!.GetValue(task)!;
    }
}
