using System.Security.Cryptography;
using Berth.Oci;

namespace Berth.Storage.Diff.Tar;

/// <summary>
/// Sits between the decompressor and System.Formats.Tar's reader: hashes and counts the uncompressed tar (the
/// layer's diff ID) and follows its 512-byte block structure to keep each entry's PAX xattr records as raw bytes.
/// If the stream is too odd to follow, the tap stops following it and <see cref="XattrsFor"/> returns null; the
/// reader then sees the same odd bytes and decides.
/// </summary>
internal sealed partial class TarStreamTap(Stream inner) : Stream
{
    private const int BlockSize = 512;
    private const int MaxPaxSize = 16 << 20;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _header = new byte[BlockSize];
    private readonly Dictionary<int, Dictionary<string, byte[]>> _xattrsByEntry = [];
    private long _nextHeader;
    private int _headerFill;
    private List<byte>? _pax;
    private long _paxRemaining;
    private Dictionary<string, byte[]>? _pendingXattrs;
    private long? _pendingSize;
    private int _entries;
    private bool _lost;

    /// <summary>Bytes read so far.</summary>
    public long Length64 { get; private set; }

    /// <summary>The sha256 of everything read so far (call once, at the end).</summary>
    public Digest Digest() => Oci.Digest.FromSha256Hash(_hash.GetHashAndReset());

    /// <summary>
    /// The raw xattr records (<c>SCHILY.xattr.*</c>, <c>LIBARCHIVE.xattr.*</c>) of the <paramref name="index"/>-th
    /// entry the tar reader returned (counting global headers), empty when it had none; null when the tap lost track.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]>? XattrsFor(int index)
    {
        if (_lost)
        {
            return null;
        }

        return _xattrsByEntry.Remove(index, out var xattrs) ? xattrs : new Dictionary<string, byte[]>();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Length64; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        Observe(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
