using Berth.Client;
using Berth.Core.Metadata;
using Berth.Core.Transfer;
using Berth.Services.Events;
using Berth.Services.Tests.TestHosting;
using Berth.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Services.Tests.Transfer;

/// <summary>berth's gRPC services on a private unix socket, with a scripted <see cref="IImageTransfer"/> behind them.</summary>
internal sealed class TransferTestHost : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("transfer");
    private readonly WebApplication _app;

    private TransferTestHost(IImageTransfer transfer)
    {
        Socket = _dir.Combine("berthd.sock");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenUnixSocket(Socket, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IMetadataStore>(new ScopeOnlyMetadataStore());
        builder.Services.AddSingleton<Core.Events.IEventExchange>(new EventExchange());
        builder.Services.AddSingleton(transfer);
        builder.Services.AddBerthGrpc();
        _app = builder.Build();
        _app.UseRouting();
        _app.MapBerthGrpc();
    }

    public string Socket { get; }

    public static async Task<TransferTestHost> StartAsync(IImageTransfer transfer)
    {
        var host = new TransferTestHost(transfer);
        await host._app.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    public BerthClient Connect(string @namespace = "default") => BerthClient.Connect(Socket, @namespace);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _dir.Dispose();
    }
}
