using System.Net.Sockets;
using Berth.Core.Errors;
using Berth.Ttrpc.Protocol;
using Google.Protobuf;

namespace Berth.Ttrpc;

public sealed partial class TtrpcClient
{
    private uint Enlist(TaskCompletionSource<Response> answer)
    {
        lock (_gate)
        {
            if (_closedReason is not null)
            {
                throw new UnavailableException(_closedReason);
            }

            // Client-initiated streams are odd: 1, 3, 5, …
            uint id = unchecked(_lastStreamId += 2);
            _pending[id] = answer;
            return id;
        }
    }

    private void Withdraw(uint id)
    {
        lock (_gate)
        {
            _pending.Remove(id);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        string reason = $"ttrpc connection to {Address} was closed by the server: is it still running?";
        try
        {
            while (await _reader.ReadAsync(CancellationToken.None) is { } frame)
            {
                Deliver(frame);
            }
        }
        catch (Exception ex)
        {
            // Whatever ended the read (a reset, a frame cut short), the connection is over.
            reason = $"ttrpc connection to {Address} was lost: {ex.Message}";
        }

        Close(reason);
        _stream.Dispose();
    }

    private void Deliver(Frame frame)
    {
        if (frame.Header.Type != FrameType.Response)
        {
            return;
        }

        TaskCompletionSource<Response>? answer;
        lock (_gate)
        {
            _pending.Remove(frame.Header.StreamId, out answer);
        }

        if (answer is null)
        {
            return; // the caller gave up (cancelled or timed out) before the answer came
        }

        if (frame.Oversized)
        {
            answer.TrySetException(new ResourceExhaustedException(
                $"the answer from {Address} has {frame.Header.Length} bytes, over ttrpc's limit of {FrameHeader.MaxPayload}"));
            return;
        }

        try
        {
            answer.TrySetResult(Response.Parser.ParseFrom(frame.Payload.Span));
        }
        catch (InvalidProtocolBufferException ex)
        {
            answer.TrySetException(new InternalException($"undecodable ttrpc response from {Address}: {ex.Message}", ex));
        }
    }

    private UnavailableException Closing(string reason)
    {
        Close(reason);
        lock (_gate)
        {
            return new UnavailableException(_closedReason ?? reason);
        }
    }

    private void Close(string reason)
    {
        List<TaskCompletionSource<Response>> pending;
        lock (_gate)
        {
            if (_closedReason is not null)
            {
                return;
            }

            _closedReason = reason;
            pending = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var answer in pending)
        {
            answer.TrySetException(new UnavailableException(reason));
        }

        // The shutdown ends the receive loop's read at a clean end of stream, and the loop then closes the socket:
        // closing it here, under the read, would end that read with an exception whose stack trace a short-lived
        // process (a shim forwarding its events) pays ~10 ms of CPU to resolve.
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _stream.Dispose();
        }

        _closed.TrySetResult();
    }
}
