using System.Net.Sockets;
using Berth.Client;
using Berth.Core.Content;
using Berth.Core.Diff;
using Berth.Core.Engine;
using Berth.Core.Images;
using Berth.Core.Leases;
using Berth.Core.Metadata;
using Berth.Core.Namespaces;
using Berth.Core.Snapshots;
using Berth.Services.Events;
using Berth.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Berth.Api.Containers.V1.Engine;

namespace Berth.Services.Tests.Engine;

/// <summary>berth's gRPC services on a private unix socket, with a fake <see cref="IContainerEngine"/> (or none) behind them.</summary>
internal sealed class EngineTestHost : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("engine");
    private readonly WebApplication _app;
    private GrpcChannel? _rawChannel;

    private EngineTestHost(IContainerEngine? engine)
    {
        Socket = _dir.Combine("berthd.sock");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenUnixSocket(Socket, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IMetadataStore>(new ScopeOnlyMetadataStore());
        builder.Services.AddSingleton<Core.Events.IEventExchange>(new EventExchange());
        if (engine is not null)
        {
            builder.Services.AddSingleton(engine);
        }

        builder.Services.AddBerthGrpc();
        _app = builder.Build();
        _app.UseRouting();
        _app.MapBerthGrpc();
    }

    public string Socket { get; }

    public static async Task<EngineTestHost> StartAsync(IContainerEngine? engine)
    {
        var host = new EngineTestHost(engine);
        await host._app.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public BerthClient Connect(string @namespace = "default") => BerthClient.Connect(Socket, @namespace);

    /// <summary>The generated client with no berth mapping in between, to send what BerthClient never would.</summary>
    public Rpc.EngineClient RawClient()
    {
        _rawChannel ??= GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new System.Net.Sockets.Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(Socket), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            },
        });
        return new Rpc.EngineClient(_rawChannel);
    }

    public static Metadata Namespace(string @namespace) => new() { { "containerd-namespace", @namespace } };

    public async ValueTask DisposeAsync()
    {
        _rawChannel?.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>Hands out scopes that know their namespace and nothing else: the engine service only passes them on.</summary>
    private sealed class ScopeOnlyMetadataStore : IMetadataStore
    {
        public INamespaceStore Namespaces => throw new NotSupportedException();

        public IReadOnlyList<string> Snapshotters => ["overlayfs"];

        public IGarbageCollector GarbageCollector => throw new NotSupportedException();

        public INamespaceScope ForNamespace(string @namespace, string? lease = null) => new Scope(@namespace, lease);
    }

    private sealed record Scope(string Namespace, string? Lease) : INamespaceScope
    {
        public IContentStore Content => throw new NotSupportedException();

        public IImageStore Images => throw new NotSupportedException();

        public Core.Containers.IContainerStore Containers => throw new NotSupportedException();

        public ILeaseManager Leases => throw new NotSupportedException();

        public IDiffService Diff => throw new NotSupportedException();

        public ISnapshotter Snapshotter(string name) => throw new NotSupportedException();
    }
}
