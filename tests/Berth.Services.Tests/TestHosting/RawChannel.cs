using System.Net.Sockets;
using Grpc.Net.Client;

namespace Berth.Services.Tests.TestHosting;

/// <summary>A gRPC channel to a test host's unix socket with no berth mapping in between, to send what BerthClient never would.</summary>
internal static class RawChannel
{
    public static GrpcChannel For(string socketPath) => GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
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
}
