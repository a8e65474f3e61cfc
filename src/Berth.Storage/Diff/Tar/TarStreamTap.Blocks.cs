using System.Text;

namespace Berth.Storage.Diff.Tar;

internal sealed partial class TarStreamTap
{
    // Hashes what passed and follows the headers; data regions are only counted.
    private void Observe(ReadOnlySpan<byte> data)
    {
        _hash.AppendData(data);
        while (!data.IsEmpty && !_lost)
        {
            if (Length64 < _nextHeader)
            {
                int skip = (int)Math.Min(data.Length, _nextHeader - Length64);
                Length64 += skip;
                data = data[skip..];
                continue;
            }

            int take = Math.Min(BlockSize - _headerFill, data.Length);
            data[..take].CopyTo(_header.AsSpan(_headerFill));
            _headerFill += take;
            Length64 += take;
            data = data[take..];
            if (_headerFill == BlockSize)
            {
                _headerFill = 0;
                OnHeader();
            }
        }

        Length64 += data.Length;
    }

    // Keeps the raw xattr values for the next entry and masks them in the bytes the tar reader gets.
    private void OnPax(byte[] data)
    {
        if (!PaxRecords.TryParse(data, out var records))
        {
            _lost = true;
            return;
        }

        _pendingXattrs ??= new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in records)
        {
            if (PaxRecords.IsXattrKey(key))
            {
                _pendingXattrs[key] = value;
            }
            else if (key == "size")
            {
                _pendingSize = long.TryParse(value, System.Globalization.NumberStyles.None, null, out long size) ? size : null;
                _lost |= _pendingSize is null;
            }
        }

        PaxRecords.MaskXattrValues(data);
    }

    private void OnHeader()
    {
        long headerAt = _nextHeader;
        if (_header.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            _nextHeader = headerAt + BlockSize;
            return;
        }

        if (!HasValidChecksum(_header) || !TryParseNumber(_header.AsSpan(124, 12), out long size))
        {
            _lost = true;
            return;
        }

        switch (_header[156])
        {
            case (byte)'x':
                _lost |= size > MaxPaxSize;
                _paxSize = size;
                break;
            case (byte)'L' or (byte)'K':
                _pendingLongName = true;
                break;
            case (byte)'g':
                _entries++;
                break;
            default:
                size = _pendingSize ?? size;
                if (_pendingXattrs is not null)
                {
                    _xattrsByEntry[_entries] = _pendingXattrs;
                }

                _pendingXattrs = null;
                _pendingSize = null;
                _pendingLongName = false;
                _entries++;
                break;
        }

        _nextHeader = headerAt + BlockSize + ((size + BlockSize - 1) / BlockSize * BlockSize);
    }

    private static bool HasValidChecksum(byte[] header)
    {
        if (!TryParseNumber(header.AsSpan(148, 8), out long recorded))
        {
            return false;
        }

        long sum = 0;
        for (int i = 0; i < header.Length; i++)
        {
            sum += i is >= 148 and < 156 ? (byte)' ' : header[i];
        }

        return sum == recorded;
    }

    // Octal, space/NUL padded, or GNU base-256 when the top bit of the first byte is set.
    private static bool TryParseNumber(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if ((field[0] & 0x80) != 0)
        {
            if (field[0] == 0xff)
            {
                return false;
            }

            value = field[0] & 0x7f;
            foreach (byte b in field[1..])
            {
                if (value > long.MaxValue >> 8)
                {
                    return false;
                }

                value = (value << 8) | b;
            }

            return true;
        }

        string text = Encoding.ASCII.GetString(field).Trim(' ', '\0');
        foreach (char c in text)
        {
            if (c is < '0' or > '7' || value > long.MaxValue >> 3)
            {
                return false;
            }

            value = (value << 3) | (long)(c - '0');
        }

        return true;
    }
}
