using System.Net.Sockets;
using Berth.Ttrpc.Protocol;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Berth.Ttrpc.Tests.Server;

/// <summary>What the server answers to frames a well-behaved client of ours would never send.</summary>
public sealed class RawProtocolTests
{
    private const string Service = "berth.test.Raw";

    [Fact]
    public async Task Request_TimeoutNanoPasses_ServerAnswersDeadlineExceeded()
    {
        await using var harness = Serving();
        await using var peer = await RawPeer.ConnectAsync(harness.SocketPath);

        await peer.SendAsync(1, FrameType.Request, Request("Hang", timeoutNano: 50_000_000));
        var (id, response) = await peer.ReceiveAsync();

        Assert.Equal(1u, id);
        Assert.Equal((int)StatusCode.DeadlineExceeded, response.Status.Code);
    }

    [Fact]
    public async Task Request_EvenStreamId_AnsweredInvalidArgument()
    {
        await using var harness = Serving();
        await using var peer = await RawPeer.ConnectAsync(harness.SocketPath);

        await peer.SendAsync(2, FrameType.Request, Request("Echo"));
        var (id, response) = await peer.ReceiveAsync();

        Assert.Equal(2u, id);
        Assert.Equal((int)StatusCode.InvalidArgument, response.Status.Code);
    }

    [Fact]
    public async Task Request_Oversized_AnsweredResourceExhaustedAndConnectionGoesOn()
    {
        await using var harness = Serving();
        await using var peer = await RawPeer.ConnectAsync(harness.SocketPath);
        var header = new byte[FrameHeader.Size];
        new FrameHeader(FrameHeader.MaxPayload + 10, 3, FrameType.Request).Write(header);

        await peer.Stream.WriteAsync(header, TestContext.Current.CancellationToken);
        await peer.Stream.WriteAsync(new byte[FrameHeader.MaxPayload + 10], TestContext.Current.CancellationToken);
        var (tooBig, refused) = await peer.ReceiveAsync();
        await peer.SendAsync(5, FrameType.Request, Request("Echo", payload: new StringValue { Value = "still here" }));
        var (next, answered) = await peer.ReceiveAsync();

        Assert.Equal((3u, (int)StatusCode.ResourceExhausted), (tooBig, refused.Status.Code));
        Assert.Equal((5u, (int)StatusCode.OK), (next, answered.Status.Code));
        Assert.Equal("still here", StringValue.Parser.ParseFrom(answered.Payload).Value);
    }

    private static TtrpcHarness Serving()
    {
        var harness = new TtrpcHarness();
        harness.Server.Register<StringValue, StringValue>(Service, "Echo", StringValue.Parser, (r, _) => Task.FromResult(r));
        harness.Server.Register<Empty, Empty>(Service, "Hang", Empty.Parser, async (_, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return new Empty();
        });
        return harness.Listen();
    }

    private static Request Request(string method, long timeoutNano = 0, IMessage? payload = null)
        => new() { Service = Service, Method = method, TimeoutNano = timeoutNano, Payload = (payload ?? new Empty()).ToByteString() };

    private sealed class RawPeer(NetworkStream stream) : IAsyncDisposable
    {
        private readonly FrameReader _reader = new(stream);
        private readonly FrameWriter _writer = new(stream);

        public NetworkStream Stream => stream;

        public static async Task<RawPeer> ConnectAsync(string path)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path));
            return new RawPeer(new NetworkStream(socket, ownsSocket: true));
        }

        public ValueTask SendAsync(uint id, FrameType type, IMessage message) => _writer.WriteAsync(id, type, message, CancellationToken.None);

        public async Task<(uint Id, Response Response)> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var frame = await _reader.ReadAsync(timeout.Token) ?? throw new EndOfStreamException("the server hung up");
            Assert.Equal(FrameType.Response, frame.Header.Type);
            return (frame.Header.StreamId, Response.Parser.ParseFrom(frame.Payload.Span));
        }

        public async ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _writer.Dispose();
            await stream.DisposeAsync();
        }
    }
}
