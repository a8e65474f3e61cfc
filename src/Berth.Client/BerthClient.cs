using Berth.Client.Grpc;
using Berth.Client.Proxies;
using Berth.Core.Containers;
using Berth.Core.Identifiers;
using Berth.Core.Images;
using Berth.Core.Namespaces;
using Berth.Core.Plugins;
using Berth.Core.Snapshots;
using Containerd.Services.Introspection.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Berth.Client;

/// <summary>The berth SDK's entry point: Core's interfaces over containerd's gRPC API on a unix socket.</summary>
public sealed class BerthClient : IBerthClient
{
    /// <summary>Where berthd listens unless told otherwise.</summary>
    public const string DefaultAddress = "/run/berth/berthd.sock";

    /// <summary>The namespace used unless told otherwise, as containerd and nerdctl.</summary>
    public const string DefaultNamespace = "default";

    private readonly GrpcChannel _channel;
    private readonly bool _ownsChannel;
    private readonly CallInvoker _invoker;

    private BerthClient(GrpcChannel channel, bool ownsChannel, string address, string @namespace)
    {
        _channel = channel;
        _ownsChannel = ownsChannel;
        Address = address;
        Namespace = Identifier.Validate(@namespace, "namespace");
        _invoker = channel.Intercept(new ClientInterceptor(address, @namespace));
        Namespaces = new NamespaceStoreProxy(new Containerd.Services.Namespaces.V1.Namespaces.NamespacesClient(_invoker));
        Images = new ImageStoreProxy(new Containerd.Services.Images.V1.Images.ImagesClient(_invoker));
        Containers = new ContainerStoreProxy(new Containerd.Services.Containers.V1.Containers.ContainersClient(_invoker));
        Tasks = new TaskClientProxy(new Containerd.Services.Tasks.V1.Tasks.TasksClient(_invoker));
        Engine = new ContainerEngineProxy(new Api.Containers.V1.Engine.EngineClient(_invoker));
        Volumes = new VolumeProxy(new Api.Containers.V1.Volumes.VolumesClient(_invoker));
        Events = new EngineEventsProxy(new Api.Containers.V1.EngineEvents.EngineEventsClient(_invoker));
        Files = new ContainerFilesProxy(new Api.Containers.V1.Files.FilesClient(_invoker));
        Resources = new ContainerResourcesProxy(new Api.Containers.V1.Resources.ResourcesClient(_invoker));
        Changes = new ContainerChangesProxy(new Api.Containers.V1.Changes.ChangesClient(_invoker));
        Content = new ContentProxy(new Containerd.Services.Content.V1.Content.ContentClient(_invoker));
        Transfer = new ImageTransferProxy(new Api.Images.V1.Transfer.TransferClient(_invoker));
        Archives = new ImageArchiveProxy(new Api.Images.V1.Transfer.TransferClient(_invoker));
    }

    /// <inheritdoc />
    public string Address { get; }

    /// <inheritdoc />
    public string Namespace { get; }

    /// <inheritdoc />
    public INamespaceStore Namespaces { get; }

    /// <inheritdoc />
    public IImageStore Images { get; }

    /// <summary>The containers of <see cref="Namespace"/> (containerd's Containers service).</summary>
    public IContainerStore Containers { get; }

    /// <inheritdoc />
    public ITaskClient Tasks { get; }

    /// <inheritdoc />
    public IContainerEngineClient Engine { get; }

    /// <inheritdoc />
    public IVolumeClient Volumes { get; }

    /// <inheritdoc />
    public IEngineEventsClient Events { get; }

    /// <inheritdoc />
    public IContainerFilesClient Files { get; }

    /// <inheritdoc />
    public IContainerResourcesClient Resources { get; }

    /// <inheritdoc />
    public IContainerChangesClient Changes { get; }

    /// <inheritdoc />
    public IContentClient Content { get; }

    /// <inheritdoc />
    public IImageTransferClient Transfer { get; }

    /// <inheritdoc />
    public IImageArchiveClient Archives { get; }

    /// <inheritdoc />
    public ISnapshotter Snapshotter(string name)
        => new SnapshotterProxy(new Containerd.Services.Snapshots.V1.Snapshots.SnapshotsClient(_invoker), name);

    /// <summary>Connects (lazily: the first call dials) to the daemon at <paramref name="address"/>.</summary>
    public static BerthClient Connect(string address = DefaultAddress, string @namespace = DefaultNamespace)
        => new(UnixSocketChannel.Create(address), ownsChannel: true, address, @namespace);

    /// <inheritdoc />
    public IBerthClient WithNamespace(string @namespace) => new BerthClient(_channel, ownsChannel: false, Address, @namespace);

    /// <inheritdoc />
    public async ValueTask<ServerVersion> VersionAsync(CancellationToken cancellationToken = default)
    {
        var client = new Containerd.Services.Version.V1.Version.VersionClient(_invoker);
        var response = await client.VersionAsync(new Empty(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ServerVersion(response.Version, response.Revision);
    }

    /// <inheritdoc />
    public async ValueTask<string> ServerUuidAsync(CancellationToken cancellationToken = default)
    {
        var client = new Introspection.IntrospectionClient(_invoker);
        return (await client.ServerAsync(new Empty(), cancellationToken: cancellationToken).ConfigureAwait(false)).Uuid;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PluginInfo>> PluginsAsync(IReadOnlyList<string>? filters = null, CancellationToken cancellationToken = default)
    {
        var client = new Introspection.IntrospectionClient(_invoker);
        var request = new PluginsRequest();
        request.Filters.Add(filters ?? []);
        var response = await client.PluginsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. response.Plugins.Select(p => new PluginInfo(p.Type, p.Id)
        {
            Requires = [.. p.Requires],
            Exports = new Dictionary<string, string>(p.Exports),
            Capabilities = [.. p.Capabilities],
            InitError = p.InitErr?.Message,
        })];
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_ownsChannel)
        {
            _channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
