using Berth.Core.Errors;
using Berth.Oci;

namespace Berth.Remotes.Registry;

/// <summary>
/// The next <c>length</c> bytes of an upload's source, as a request body: fails if the source ends early (the
/// descriptor promised more), tells the sender each time it reads, and leaves the source open.
/// </summary>
internal sealed class ExactLengthStream(Stream source, long length, Descriptor descriptor, Action onRead) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        long left = length - _read;
        if (left == 0 || buffer.Length == 0)
        {
            return 0;
        }

        onRead();
        int read = await source.ReadAsync(buffer[..(int)Math.Min(buffer.Length, left)], cancellationToken);
        if (read == 0)
        {
            throw new FailedPreconditionException(
                $"size mismatch: the content of {descriptor.Digest} ended {left} bytes short of the {descriptor.Size} its descriptor says");
        }

        _read += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
