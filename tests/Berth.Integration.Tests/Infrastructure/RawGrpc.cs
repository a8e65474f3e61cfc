using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>containerd's generated clients on a daemon's socket, for tests that speak the wire protocol directly.</summary>
public static class RawGrpc
{
    public static GrpcChannel Channel(string socketPath) => GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        },
    });

    public static Metadata Namespace(string ns, string? lease = null)
    {
        var headers = new Metadata { { "containerd-namespace", ns } };
        if (lease is not null)
        {
            headers.Add("containerd-lease", lease);
        }

        return headers;
    }
}
