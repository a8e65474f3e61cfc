using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Tests.Pull.Fakes;

/// <summary>A blob served in chunks from an offset, slowed, held at a gate, or broken as the registry was told.</summary>
internal sealed class FakeBlobStream(FakeRegistry registry, Descriptor descriptor, byte[] served, long start, long failAfter, Task? gate,
    bool verify) : Stream
{
    private readonly long _start = start;
    private long _position = start;
    private bool _disposed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => served.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= served.Length)
        {
            if (verify && Digest.Sha256(served) != descriptor.Digest)
            {
                throw new FailedPreconditionException($"digest mismatch: want {descriptor.Digest}, got {Digest.Sha256(served)}");
            }

            return 0;
        }

        if (registry.ChunkDelay > TimeSpan.Zero)
        {
            await Task.Delay(registry.ChunkDelay, cancellationToken);
        }

        int count = (int)Math.Min(Math.Min(buffer.Length, registry.ChunkSize), served.Length - _position);
        if (gate is not null && _position + count >= served.Length)
        {
            await gate.WaitAsync(cancellationToken);
        }

        if (_position - _start >= failAfter)
        {
            throw new IOException($"connection reset after {_position - _start} bytes of {descriptor.Digest}");
        }

        count = (int)Math.Min(count, Math.Max(1, failAfter - (_position - _start)));
        served.AsSpan((int)_position, count).CopyTo(buffer.Span);
        _position += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            registry.StreamClosed();
        }

        base.Dispose(disposing);
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
