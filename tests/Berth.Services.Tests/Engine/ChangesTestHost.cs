using Berth.Client;
using Berth.Core.Engine;
using Berth.Core.Metadata;
using Berth.Services.Events;
using Berth.Services.Tests.TestHosting;
using Berth.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Rpc = Berth.Api.Containers.V1.Changes;

namespace Berth.Services.Tests.Engine;

/// <summary>berth's gRPC services on a private unix socket, with a fake <see cref="IContainerChanges"/> (or none) behind them.</summary>
internal sealed class ChangesTestHost : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("changes");
    private readonly WebApplication _app;
    private GrpcChannel? _rawChannel;

    private ChangesTestHost(IContainerChanges? changes)
    {
        Socket = _dir.Combine("berthd.sock");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenUnixSocket(Socket, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IMetadataStore>(new ScopeOnlyMetadataStore());
        builder.Services.AddSingleton<Core.Events.IEventExchange>(new EventExchange());
        if (changes is not null)
        {
            builder.Services.AddSingleton(changes);
        }

        builder.Services.AddBerthGrpc();
        _app = builder.Build();
        _app.UseRouting();
        _app.MapBerthGrpc();
    }

    public string Socket { get; }

    public static async Task<ChangesTestHost> StartAsync(IContainerChanges? changes)
    {
        var host = new ChangesTestHost(changes);
        await host._app.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public BerthClient Connect(string @namespace = "default") => BerthClient.Connect(Socket, @namespace);

    /// <summary>The generated client with no berth mapping in between, to send what BerthClient never would.</summary>
    public Rpc.ChangesClient RawClient()
    {
        _rawChannel ??= RawChannel.For(Socket);
        return new Rpc.ChangesClient(_rawChannel);
    }

    public async ValueTask DisposeAsync()
    {
        _rawChannel?.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}
