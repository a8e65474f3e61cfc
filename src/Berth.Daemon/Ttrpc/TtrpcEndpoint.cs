using Berth.Core.Events;
using Berth.Daemon.Config;
using Berth.Daemon.Hosting;
using Berth.Ttrpc;
using Berth.Ttrpc.Events;
using Microsoft.Extensions.Logging;

namespace Berth.Daemon.Ttrpc;

/// <summary>
/// berthd's ttrpc socket, beside the gRPC one at "&lt;address&gt;.ttrpc" as containerd's: shims are told its path in
/// TTRPC_ADDRESS and forward their task events to it. The socket file goes away when the daemon stops.
/// </summary>
internal sealed class TtrpcEndpoint : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
    private readonly TtrpcServer _server;

    private TtrpcEndpoint(TtrpcServer server, string address)
    {
        _server = server;
        Address = address;
    }

    /// <summary>The socket path, which shims get as TTRPC_ADDRESS.</summary>
    public string Address { get; }

    /// <summary>The ttrpc socket path for a daemon's gRPC socket path.</summary>
    public static string AddressFor(string grpcAddress) => grpcAddress + ".ttrpc";

    public static TtrpcEndpoint Start(DaemonConfig config, IEventExchange exchange, ILoggerFactory loggers)
    {
        string address = AddressFor(config.GrpcAddress);
        var server = new TtrpcServer(loggers.CreateLogger<TtrpcServer>());
        EventsForwardBinding.Register(server, exchange);
        SocketFile.PrepareForListen(address);
        server.Listen(address);
        SocketFile.Restrict(address, config.GrpcUid, config.GrpcGid);
        return new TtrpcEndpoint(server, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.ShutdownAsync(ShutdownGrace);
        await _server.DisposeAsync();
        SocketFile.Remove(Address);
    }
}
