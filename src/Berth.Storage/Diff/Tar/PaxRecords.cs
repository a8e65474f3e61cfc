using System.Text;

namespace Berth.Storage.Diff.Tar;

/// <summary>
/// PAX extended header records (POSIX.1-2001 pax format: <c>"%d %s=%s\n"</c>, the length counting the whole
/// record), kept as raw bytes: xattr values are binary and System.Formats.Tar decodes them as UTF-8, which
/// mangles values such as <c>security.capability</c>.
/// </summary>
internal static class PaxRecords
{
    public const string SchilyXattr = "SCHILY.xattr.";
    public const string LibarchiveXattr = "LIBARCHIVE.xattr.";

    public static bool IsXattrKey(string key) =>
        key.StartsWith(SchilyXattr, StringComparison.Ordinal) || key.StartsWith(LibarchiveXattr, StringComparison.Ordinal);

    /// <summary>Overwrites the value of every xattr record with 'x' bytes, keeping every length (records must be valid).</summary>
    public static void MaskXattrValues(Span<byte> data)
    {
        while (!data.IsEmpty)
        {
            int space = data.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data[..space], System.Globalization.NumberStyles.None, null, out int length) || length > data.Length)
            {
                return;
            }

            var record = data[(space + 1)..(length - 1)];
            int equals = record.IndexOf((byte)'=');
            if (equals > 0 && IsXattrKey(Encoding.UTF8.GetString(record[..equals])))
            {
                record[(equals + 1)..].Fill((byte)'x');
            }

            data = data[length..];
        }
    }

    /// <summary>Parses records; false when they are malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out Dictionary<string, byte[]> records)
    {
        records = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (!data.IsEmpty)
        {
            int space = data.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(data[..space], System.Globalization.NumberStyles.None, null, out int length)
                || length <= space + 1 || length > data.Length || data[length - 1] != (byte)'\n')
            {
                // Some writers pad the block with NULs after the last record.
                return data.IndexOfAnyExcept((byte)0) < 0;
            }

            var record = data[(space + 1)..(length - 1)];
            int equals = record.IndexOf((byte)'=');
            if (equals <= 0)
            {
                return false;
            }

            records[Encoding.UTF8.GetString(record[..equals])] = record[(equals + 1)..].ToArray();
            data = data[length..];
        }

        return true;
    }

    /// <summary>Appends one record.</summary>
    public static void Append(List<byte> output, string key, ReadOnlySpan<byte> value)
    {
        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        int body = keyBytes.Length + value.Length + 3;
        int length = body + 1;
        while (length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + body > length)
        {
            length++;
        }

        output.AddRange(Encoding.ASCII.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        output.Add((byte)' ');
        output.AddRange(keyBytes);
        output.Add((byte)'=');
        output.AddRange(value);
        output.Add((byte)'\n');
    }
}
