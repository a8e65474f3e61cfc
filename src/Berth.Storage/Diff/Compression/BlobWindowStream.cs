using Berth.Core.Content;

namespace Berth.Storage.Diff.Compression;

/// <summary>
/// A forward stream over a blob from a given offset that remembers where its last two reads started, so that
/// the gzip reader can find where a deflate stream really ended after the inflater read past it.
/// </summary>
internal sealed class BlobWindowStream(IContentReader blob, long start) : Stream
{
    private long _position = start;

    /// <summary>Where the read before the last one started.</summary>
    public long PreviousReadStart { get; private set; } = start;

    /// <summary>The offset just past everything read so far.</summary>
    public long End => _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => blob.Size;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        long readStart = _position;
        int read = await blob.ReadAtAsync(buffer, _position, cancellationToken);
        if (read > 0)
        {
            PreviousReadStart = _lastReadStart;
            _lastReadStart = readStart;
            _position += read;
        }

        return read;
    }

    private long _lastReadStart = start;

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
        => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
