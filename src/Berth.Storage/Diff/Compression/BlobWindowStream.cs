using Berth.Core.Content;
using Berth.Core.IO;

namespace Berth.Storage.Diff.Compression;

/// <summary>
/// A forward stream over a blob from a given offset that remembers where its last two reads started, so that
/// the gzip reader can find where a deflate stream really ended after the inflater read past it.
/// </summary>
internal sealed class BlobWindowStream(IContentReader blob, long start) : ForwardReadStream
{
    private long _position = start;

    /// <summary>Where the read before the last one started.</summary>
    public long PreviousReadStart { get; private set; } = start;

    /// <summary>The offset just past everything read so far.</summary>
    public long End => _position;

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

}
