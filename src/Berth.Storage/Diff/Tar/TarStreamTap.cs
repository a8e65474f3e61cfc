using System.Security.Cryptography;
using Berth.Core.IO;
using Berth.Oci;

namespace Berth.Storage.Diff.Tar;

/// <summary>
/// Sits between the decompressor and System.Formats.Tar's reader: hashes and counts the uncompressed tar (the
/// layer's diff ID) and follows its 512-byte block structure so that PAX xattr records keep their raw bytes.
/// System.Formats.Tar decodes PAX values as UTF-8 and refuses values holding a newline, both of which binary
/// xattrs such as <c>security.capability</c> can; so the tap reads each PAX header whole, keeps the values, and
/// hands the reader a copy whose xattr values are masked with as many 'x' bytes (the layout stays the same).
/// If the stream is too odd to follow, the tap stops following it and the reader sees the bytes unchanged.
/// </summary>
internal sealed partial class TarStreamTap(Stream inner) : ForwardReadStream
{
    private const int BlockSize = 512;
    private const int MaxPaxSize = 16 << 20;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _header = new byte[BlockSize];
    private readonly Dictionary<int, Dictionary<string, byte[]>> _xattrsByEntry = [];
    private long _nextHeader;
    private int _headerFill;
    private long _paxSize;
    private byte[] _replay = [];
    private int _replayOffset;
    private Dictionary<string, byte[]>? _pendingXattrs;
    private long? _pendingSize;
    private bool _pendingLongName;
    private int _entries;
    private bool _lost;
    private bool _ended;

    /// <summary>
    /// Whether the stream ended right where a header would start, with no PAX or GNU header waiting for its entry:
    /// Go's tar reader takes that as the end of the archive even without the two zero blocks, and so does berth.
    /// </summary>
    public bool EndedAtEntryBoundary => _ended && !_lost && _headerFill == 0 && Length64 == _nextHeader && _paxSize == 0
        && _pendingXattrs is null && _pendingSize is null && !_pendingLongName;

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

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_replayOffset == _replay.Length && _paxSize > 0 && !_lost)
        {
            await ReadPaxAsync(cancellationToken);
        }

        if (_replayOffset < _replay.Length)
        {
            int count = Math.Min(buffer.Length, _replay.Length - _replayOffset);
            _replay.AsMemory(_replayOffset, count).CopyTo(buffer);
            _replayOffset += count;
            return count;
        }

        // Never read across a block boundary the tap must see first.
        int limit = _lost ? buffer.Length
            : Length64 < _nextHeader ? (int)Math.Min(buffer.Length, _nextHeader - Length64)
            : Math.Min(buffer.Length, BlockSize - _headerFill);
        int read = await inner.ReadAsync(buffer[..limit], cancellationToken);
        _ended |= read == 0;
        Observe(buffer.Span[..read]);
        return read;
    }

    private async Task ReadPaxAsync(CancellationToken cancellationToken)
    {
        byte[] data = new byte[_paxSize];
        int total = 0;
        for (int read; total < data.Length && (read = await inner.ReadAsync(data.AsMemory(total), cancellationToken)) > 0;)
        {
            total += read;
        }

        _ended |= total < data.Length;
        _paxSize = 0;
        _replay = data[..total];
        _replayOffset = 0;
        Observe(_replay);
        if (total == data.Length && !_lost)
        {
            OnPax(_replay);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
