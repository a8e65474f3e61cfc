using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Ttrpc.Protocol;
using Google.Protobuf;

namespace Berth.Ttrpc;

/// <summary>
/// A ttrpc client on one unix socket connection (containerd/ttrpc's Client): calls are multiplexed, each on its own
/// odd stream id, and answered in any order. A failed status raises the same exception type the server threw
/// (NotFoundException, …). When the connection drops, every pending and later call fails with
/// <see cref="UnavailableException"/> naming the socket; make a new client to reconnect.
/// </summary>
public sealed partial class TtrpcClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _reader;
    private readonly FrameWriter _writer;
    private readonly Lock _gate = new();
    private readonly Dictionary<uint, TaskCompletionSource<Response>> _pending = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _receiving;
    private string? _closedReason;
    private uint _lastStreamId = uint.MaxValue;

    /// <summary>A client over a connected socket; <paramref name="address"/> names it in errors.</summary>
    public TtrpcClient(Socket connected, string address)
    {
        _socket = connected;
        _stream = new NetworkStream(connected, ownsSocket: true);
        _reader = new FrameReader(new BufferedStream(_stream, 16 * 1024));
        _writer = new FrameWriter(_stream);
        Address = address;
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>The socket this client talks to, as given.</summary>
    public string Address { get; }

    /// <summary>Whether the connection has ended: every call now fails with <see cref="UnavailableException"/>.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _closedReason is not null;
            }
        }
    }

    /// <summary>Completes when the connection has ended (the server went away, or this client was disposed).</summary>
    public Task Closed => _closed.Task;

    /// <summary>Connects to a ttrpc server at a socket path or a <c>unix://</c> address.</summary>
    /// <exception cref="UnavailableException">Nothing listens there.</exception>
    public static async Task<TtrpcClient> ConnectAsync(string address, CancellationToken cancellationToken = default)
    {
        string path = TtrpcAddress.ToPath(address);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new UnavailableException($"cannot connect to ttrpc socket {path}: {ex.Message}; is its server running?", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new TtrpcClient(socket, address);
    }

    /// <summary>
    /// Calls <paramref name="service"/>/<paramref name="method"/>. A <paramref name="timeout"/> travels to the server
    /// (timeout_nano), which cancels the handler; here it raises <see cref="TimeoutException"/>.
    /// </summary>
    public async Task<TResponse> CallAsync<TResponse>(string service, string method, IMessage request, MessageParser<TResponse> parser,
        TtrpcMetadata? metadata = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TResponse : IMessage<TResponse>
    {
        var wire = new Request { Service = service, Method = method, Payload = request.ToByteString() };
        metadata?.CopyTo(wire);
        if (timeout is { } limit)
        {
            wire.TimeoutNano = limit.Ticks * 100;
        }

        var answer = new TaskCompletionSource<Response>(TaskCreationOptions.RunContinuationsAsynchronously);
        uint id = Enlist(answer);
        using var timer = timeout is null ? null : new CancellationTokenSource(timeout.Value);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer?.Token ?? CancellationToken.None);
        Response response;
        try
        {
            await _writer.WriteAsync(id, FrameType.Request, wire, linked.Token);
            response = await answer.Task.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timer?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"ttrpc call {service}/{method} on {Address} got no answer within {timeout}");
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            throw Closing($"ttrpc connection to {Address} broke while sending {service}/{method}: {ex.Message}");
        }
        finally
        {
            Withdraw(id);
        }

        if (StatusMapping.ToException(response.Status) is { } failure)
        {
            throw failure;
        }

        return parser.ParseFrom(response.Payload);
    }

    /// <summary>Closes the connection; pending calls fail with <see cref="UnavailableException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Close($"ttrpc client for {Address} is closed");
        await _receiving;
        _reader.Dispose();
        _writer.Dispose();
    }
}
