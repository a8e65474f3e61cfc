using System.Globalization;

namespace Berth.Linux.Cgroups;

/// <summary>Names of block devices by number, from /proc/partitions, for the device field of blkio entries.</summary>
internal static class BlockDevices
{
    public static async ValueTask<IReadOnlyDictionary<(ulong Major, ulong Minor), string>> ReadNamesAsync(CancellationToken ct)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync("/proc/partitions", ct);
        }
        catch (IOException)
        {
            return new Dictionary<(ulong, ulong), string>();
        }

        return Parse(text);
    }

    // "major minor  #blocks  name", after a header line.
    internal static IReadOnlyDictionary<(ulong Major, ulong Minor), string> Parse(string text)
    {
        var names = new Dictionary<(ulong, ulong), string>();
        foreach (string line in text.Split('\n'))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 4 &&
                ulong.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong major) &&
                ulong.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong minor))
            {
                names[(major, minor)] = "/dev/" + fields[3];
            }
        }

        return names;
    }
}
