using Berth.Client;
using Berth.Core.Metadata;
using Berth.Services.Events;
using Berth.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Berth.Services.Tests.TestHosting;

/// <summary>
/// berth's gRPC services on a private unix socket, with one fake behind them (or none, for the answers of a berthd
/// without it): the scope-only metadata store and an event exchange besides, unless the fake brings its own.
/// </summary>
internal class FakeServicesHost : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly WebApplication _app;
    private GrpcChannel? _rawChannel;

    protected FakeServicesHost(string name, Action<IServiceCollection> addFake)
    {
        _dir = new TempDirectory(name);
        Socket = _dir.Combine("berthd.sock");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenUnixSocket(Socket, l => l.Protocols = HttpProtocols.Http2));
        // The fake's own metadata store or event exchange, when it brings one; else the scope-only store and a plain exchange.
        addFake(builder.Services);
        builder.Services.TryAddSingleton<IMetadataStore>(new ScopeOnlyMetadataStore());
        builder.Services.TryAddSingleton<Core.Events.IEventExchange>(new EventExchange());
        builder.Services.AddBerthGrpc();
        _app = builder.Build();
        _app.UseRouting();
        _app.MapBerthGrpc();
    }

    public string Socket { get; }

    /// <summary>A channel with no berth mapping in between, to send what BerthClient never would.</summary>
    protected GrpcChannel RawChannel => _rawChannel ??= TestHosting.RawChannel.For(Socket);

    public static Metadata Namespace(string @namespace) => new() { { "containerd-namespace", @namespace } };

    public BerthClient Connect(string @namespace = "default") => BerthClient.Connect(Socket, @namespace);

    public async ValueTask DisposeAsync()
    {
        _rawChannel?.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _dir.Dispose();
    }

    protected static async Task<THost> StartAsync<THost>(THost host)
        where THost : FakeServicesHost
    {
        await host._app.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Registers <paramref name="fake"/> when there is one.</summary>
    protected static Action<IServiceCollection> Adding<TService>(TService? fake)
        where TService : class
        => services =>
        {
            if (fake is not null)
            {
                services.AddSingleton(fake);
            }
        };
}
