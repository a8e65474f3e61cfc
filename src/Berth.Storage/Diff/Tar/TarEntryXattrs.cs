using System.Formats.Tar;
using System.Text;

namespace Berth.Storage.Diff.Tar;

/// <summary>The extended attributes a layer entry carries in its PAX records.</summary>
internal static class TarEntryXattrs
{
    /// <summary>
    /// The entry's xattrs by name: <c>SCHILY.xattr.&lt;name&gt;</c> (raw value) and libarchive's
    /// <c>LIBARCHIVE.xattr.&lt;url-encoded name&gt;</c> (base64 value); SCHILY wins when both name one attribute.
    /// <paramref name="raw"/> comes from the <see cref="TarStreamTap"/>, which masked the values the reader saw; only
    /// when the tap lost track (null) are the reader's own (UTF-8 decoded) values used.
    /// </summary>
    public static SortedDictionary<string, byte[]> Read(TarEntry entry, IReadOnlyDictionary<string, byte[]>? raw)
    {
        var result = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (entry is not PaxTarEntry pax)
        {
            return result;
        }

        var parsed = pax.ExtendedAttributes
            .Where(record => PaxRecords.IsXattrKey(record.Key))
            .ToDictionary(record => record.Key, record => record.Value, StringComparer.Ordinal);
        bool rawMatches = raw is not null && raw.Count == parsed.Count && parsed.Keys.All(raw.ContainsKey);
        if (raw is not null && !rawMatches)
        {
            throw new InvalidDataException($"the PAX records of layer entry {entry.Name} do not parse the same way twice");
        }

        foreach (var (key, text) in parsed)
        {
            byte[] value = rawMatches ? raw![key] : Encoding.UTF8.GetBytes(text);
            if (key.StartsWith(PaxRecords.SchilyXattr, StringComparison.Ordinal))
            {
                result[key[PaxRecords.SchilyXattr.Length..]] = value;
            }
        }

        foreach (var (key, text) in parsed)
        {
            if (key.StartsWith(PaxRecords.LibarchiveXattr, StringComparison.Ordinal))
            {
                string name = Uri.UnescapeDataString(key[PaxRecords.LibarchiveXattr.Length..]);
                string encoded = rawMatches ? Encoding.ASCII.GetString(raw![key]) : text;
                if (!result.ContainsKey(name) && TryBase64(encoded, out byte[] value))
                {
                    result[name] = value;
                }
            }
        }

        return result;
    }

    // libarchive writes base64 without padding.
    private static bool TryBase64(string text, out byte[] value)
    {
        string padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        value = new byte[padded.Length];
        bool ok = Convert.TryFromBase64String(padded, value, out int written);
        value = value[..written];
        return ok;
    }
}
