using System.Buffers;
using System.Threading.Channels;
using Berth.Core.IO;

namespace Berth.Storage.Diff.Compression;

/// <summary>
/// Reads its inner stream on a task of its own, a few chunks ahead of the reader. Around a decompressor, this lets
/// the inflating (CPU) run on one core while the layer's files are written (system calls) from another: an unpack
/// otherwise alternates between the two. A failure of the inner stream surfaces, unchanged, at the read that would
/// have met it.
/// </summary>
internal sealed class ReadAheadStream : ForwardReadStream
{
    private const int ChunkSize = 256 * 1024;
    private const int ChunksAhead = 8;

    private readonly Stream _inner;
    private readonly Channel<(byte[] Buffer, int Length)> _chunks =
        Channel.CreateBounded<(byte[], int)>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _producer;
    private (byte[] Buffer, int Length) _current;
    private int _offset;
    private bool _ended;
    private bool _disposed;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _producer = Task.Run(ProduceAsync);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty || _ended)
        {
            return 0;
        }

        if (_current.Buffer is null || _offset == _current.Length)
        {
            Release();

            // A channel completed with the producer's failure throws that exception here, as it was.
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken) || !_chunks.Reader.TryRead(out _current))
            {
                _ended = true;
                return 0;
            }

            _offset = 0;
        }

        int count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.Buffer.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    // Fills chunks until the inner stream ends or fails; what was read before a failure is still handed on.
    private async Task ProduceAsync()
    {
        Exception? failure = null;
        try
        {
            while (failure is null)
            {
                byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                int length = 0;
                try
                {
                    for (int read; length < chunk.Length && (read = await _inner.ReadAsync(chunk.AsMemory(length), _stop.Token)) > 0;)
                    {
                        length += read;
                    }
                }
                catch (Exception ex)
                {
                    failure = ex;
                }

                if (length == 0)
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                    break;
                }

                await _chunks.Writer.WriteAsync((chunk, length), _stop.Token);
            }
        }
        catch (OperationCanceledException ex)
        {
            failure ??= ex;
        }

        _chunks.Writer.TryComplete(failure);
    }

    private void Release()
    {
        if (_current.Buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_current.Buffer);
            _current = default;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _stop.CancelAsync();
            await _producer.ConfigureAwait(false);
            ReturnChunks();
            await _inner.DisposeAsync();
            _stop.Dispose();
        }

        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            _producer.GetAwaiter().GetResult();
            ReturnChunks();
            _inner.Dispose();
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ReturnChunks()
    {
        Release();
        while (_chunks.Reader.TryRead(out var left))
        {
            ArrayPool<byte>.Shared.Return(left.Buffer);
        }
    }
}
