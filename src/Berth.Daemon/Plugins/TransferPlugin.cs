using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Remotes;
using Berth.Remotes.Pull;
using Berth.Remotes.Registry;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Plugins;

/// <summary>
/// The transfer plugin (containerd's io.containerd.transfer.v1.local): pulls from registries into the metadata store and pushes from it,
/// reaching registries as [registry] in the config says.
/// </summary>
internal static class TransferPlugin
{
    public static PluginRegistration Local { get; } = new(Builtins.TransferType, "local", [Builtins.MetadataType], (context, _) =>
    {
        var metadata = context.Get<IMetadataStore>(Builtins.MetadataType, "sqlite");
        var hosts = new RegistryHostOptions
        {
            CertsDirectory = context.Config.RegistryCertsDirectory,
            Hosts = context.Config.Registries.ToDictionary(h => h.Key, h => new RegistryHost { Insecure = h.Value.Insecure, Mirrors = h.Value.Mirrors }),
        };
        var settings = new ImageTransferSettings
        {
            MaxConcurrentDownloads = context.Integer("max_concurrent_downloads", 3),
            MaxConcurrentUploads = context.Integer("max_concurrent_uploaded_layers", 3),
        };
        // The metadata store lists its snapshotters with the default (the configured one if it loaded) first.
        string snapshotter = metadata.Snapshotters.Count > 0 ? metadata.Snapshotters[0] : context.Config.Snapshotter;
        var registries = new RegistryClientFactory(hosts, context.Loggers);
        var transfer = new ImageTransfer(registries, metadata, snapshotter, context.Loggers.CreateLogger<ImageTransfer>(), settings: settings);
        var archives = new Remotes.Archive.ImageArchives(metadata, snapshotter, context.Loggers.CreateLogger<Remotes.Archive.ImageArchives>());
        return ValueTask.FromResult<object>(new Instance(registries, transfer, archives));
    });

    /// <summary>The transfer and the registry connections it owns, closed in that order when the daemon stops.</summary>
    internal sealed class Instance(RegistryClientFactory registries, ImageTransfer transfer, IImageArchives archives) : IAsyncDisposable
    {
        public IImageTransfer Transfer => transfer;

        /// <summary>save, load and import (Remotes/Archive).</summary>
        public IImageArchives Archives => archives;

        public async ValueTask DisposeAsync()
        {
            await transfer.DisposeAsync();
            registries.Dispose();
        }
    }
}
