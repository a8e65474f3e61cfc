using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Ttrpc.Protocol;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Berth.Ttrpc;

/// <summary>
/// One accepted connection: a loop reads requests and starts each on its own task, so a slow call (Wait) never holds
/// up the others; responses go out as they finish, in any order. When the peer hangs up, its calls are cancelled.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly TtrpcServer _server;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closed;

    public ServerConnection(Socket socket, TtrpcServer server, ILogger logger, CancellationToken stopping)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = new FrameReader(new BufferedStream(_stream, 16 * 1024));
        _writer = new FrameWriter(_stream);
        _server = server;
        _logger = logger;
        _closed = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(Action onEnded) => Completion = Task.Run(async () =>
    {
        try
        {
            await ReadLoopAsync();
        }
        finally
        {
            onEnded();
            Dispose();
        }
    });

    /// <summary>Ends the read loop; calls still running are cancelled.</summary>
    public void Close()
    {
        try
        {
            _closed.Cancel();
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        Close();
        _stream.Dispose();
        _reader.Dispose();
        _closed.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _reader.ReadAsync(_closed.Token) is { } frame)
            {
                Accept(frame);
            }
        }
        catch (Exception ex)
        {
            if (!_closed.IsCancellationRequested && ex is not EndOfStreamException)
            {
                TtrpcServer.LogConnectionFailed(_logger, ex);
            }
        }
        finally
        {
            await _closed.CancelAsync();
        }
    }

    private void Accept(Frame frame)
    {
        uint id = frame.Header.StreamId;
        if (frame.Oversized)
        {
            Reply(id, StatusCode.ResourceExhausted,
                $"message length {frame.Header.Length} exceed maximum message size of {FrameHeader.MaxPayload}");
            return;
        }

        if (frame.Header.Type != FrameType.Request)
        {
            TtrpcServer.LogFrameIgnored(_logger, (byte)frame.Header.Type, id);
            return;
        }

        Request request;
        try
        {
            request = Request.Parser.ParseFrom(frame.Payload.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            Reply(id, StatusCode.InvalidArgument, $"unmarshal request error: {ex.Message}");
            return;
        }

        if (id % 2 != 1)
        {
            Reply(id, StatusCode.InvalidArgument, "StreamID must be odd for client initiated streams");
            return;
        }

        _server.CallStarted();
        var closed = _closed.Token;
        _ = Task.Run(() => ServeAsync(id, request, closed));
    }

    private void Reply(uint id, StatusCode code, string message)
        => _ = SendAsync(id, new Response { Status = StatusMapping.Of(code, message) });

    private async Task ServeAsync(uint id, Request request, CancellationToken closed)
    {
        try
        {
            using var call = CancellationTokenSource.CreateLinkedTokenSource(closed);
            TimeSpan? timeout = request.TimeoutNano == 0 ? null : TimeSpan.FromTicks(Math.Max(0, request.TimeoutNano / 100));
            if (timeout is { } after)
            {
                call.CancelAfter(after);
            }

            var context = new TtrpcCallContext(request.Service, request.Method, TtrpcMetadata.FromRequest(request), timeout, call);
            Response response;
            try
            {
                var result = await _server.DispatchAsync(request, context);
                response = new Response { Status = StatusMapping.Ok, Payload = result.ToByteString() };
            }
            catch (Exception ex)
            {
                context.TimedOut = timeout is not null && call.IsCancellationRequested && !closed.IsCancellationRequested;
                if (ex is not (BerthException or OperationCanceledException or TimeoutException))
                {
                    TtrpcServer.LogHandlerFailed(_logger, request.Service, request.Method, ex);
                }

                response = new Response { Status = StatusMapping.FromException(ex, context) };
            }

            await SendAsync(id, response);
        }
        finally
        {
            _server.CallEnded();
        }
    }

    private async Task SendAsync(uint id, Response response)
    {
        try
        {
            await _writer.WriteAsync(id, FrameType.Response, response, CancellationToken.None);
        }
        catch (ResourceExhaustedException ex)
        {
            await SendAsync(id, new Response { Status = StatusMapping.Of(StatusCode.ResourceExhausted, ex.Message) });
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The peer is gone: nobody is left to answer.
        }
    }
}
