using System.Net.Sockets;
using Berth.Core.Errors;

namespace Berth.Ttrpc;

public sealed partial class TtrpcServer
{
    private readonly CancellationTokenSource _accepting = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(Socket Socket, string? OwnedPath, Task Loop)> _listeners = [];
    private readonly HashSet<ServerConnection> _connections = [];
    private int _activeCalls;
    private int _disposed;

    /// <summary>Binds a unix socket at <paramref name="address"/> (a path, or <c>unix://</c> and a path) and serves on it;
    /// the socket file is removed at shutdown.</summary>
    /// <exception cref="FailedPreconditionException">Something exists at the path already.</exception>
    public void Listen(string address)
    {
        string path = TtrpcAddress.ToPath(address);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            socket.Listen(128);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new FailedPreconditionException($"cannot listen on ttrpc socket {path}: {ex.Message}; remove a stale socket file first", ex);
        }

        Start(socket, path);
    }

    /// <summary>Serves on a socket that already listens, such as one a shim inherits as a file descriptor.</summary>
    public void Serve(Socket listening) => Start(listening, ownedPath: null);

    /// <summary>
    /// Stops accepting connections, waits up to <paramref name="timeout"/> for the calls in flight to answer, then
    /// cancels what still runs and closes every connection.
    /// </summary>
    public async Task ShutdownAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        List<(Socket Socket, string? OwnedPath, Task Loop)> listeners;
        lock (_gate)
        {
            listeners = [.. _listeners];
            _listeners.Clear();
        }

        await _accepting.CancelAsync();
        foreach (var (socket, path, loop) in listeners)
        {
            socket.Dispose();
            await loop;
            if (path is not null)
            {
                File.Delete(path);
            }
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(timeout);
        while (Volatile.Read(ref _activeCalls) > 0 && !grace.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        await _stopping.CancelAsync();
        ServerConnection[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            connection.Close();
        }

        await Task.WhenAll(connections.Select(c => c.Completion));
    }

    /// <summary>Stops at once: calls in flight are cancelled.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await ShutdownAsync(TimeSpan.Zero);
        }
    }

    internal void CallStarted() => Interlocked.Increment(ref _activeCalls);

    internal void CallEnded() => Interlocked.Decrement(ref _activeCalls);

    private void Start(Socket socket, string? ownedPath)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_accepting.IsCancellationRequested, this);
            _listeners.Add((socket, ownedPath, AcceptLoopAsync(socket, ownedPath ?? "an inherited socket")));
        }
    }

    private async Task AcceptLoopAsync(Socket listening, string name)
    {
        await Task.Yield();
        while (!_accepting.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listening.AcceptAsync(_accepting.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || _accepting.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // EMFILE and the like pass; back off a little rather than spin.
                LogAcceptFailed(_logger, name, ex);
                await Task.Delay(50, CancellationToken.None);
                continue;
            }

            var connection = new ServerConnection(accepted, this, _logger, _stopping.Token);
            lock (_gate)
            {
                _connections.Add(connection);
            }

            connection.Start(() =>
            {
                lock (_gate)
                {
                    _connections.Remove(connection);
                }
            });
        }
    }
}
