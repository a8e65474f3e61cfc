using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Linux.Cgroups;

/// <summary>Reading and writing the small text files of a cgroup directory.</summary>
internal static class CgroupFiles
{
    /// <summary>The file's text, or null when the file (or its controller) is absent.</summary>
    public static async ValueTask<string?> ReadAsync(string directory, string name, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(Path.Combine(directory, name), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (IOException e) when (!Directory.Exists(directory))
        {
            // A cgroup removed while its file was open answers ENODEV rather than ENOENT.
            throw new NotFoundException($"cgroup {directory} was removed while it was read: the container is gone", e);
        }
    }

    /// <summary>A file that holds one number; "max" reads as <paramref name="max"/>.</summary>
    public static async ValueTask<ulong?> ReadNumberAsync(string directory, string name, CancellationToken ct, ulong max = ulong.MaxValue)
    {
        string? text = await ReadAsync(directory, name, ct);
        return text is null ? null : ParseNumber(text, max);
    }

    /// <summary>A flat keyed file ("key value" per line: memory.stat, cpu.stat, memory.events, oom_control).</summary>
    public static async ValueTask<Dictionary<string, ulong>?> ReadKeyedAsync(string directory, string name, CancellationToken ct)
    {
        string? text = await ReadAsync(directory, name, ct);
        return text is null ? null : ParseKeyed(text);
    }

    public static ulong ParseNumber(string text, ulong max = ulong.MaxValue)
    {
        string value = text.Trim();
        if (value == "max")
        {
            return max;
        }

        // v1 shows an unset limit as a page-rounded 2^63-1; negative values (v1 "-1" for none) are "no limit" too.
        if (value.StartsWith('-'))
        {
            return max;
        }

        return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number) ? number : 0;
    }

    public static Dictionary<string, ulong> ParseKeyed(string text)
    {
        var values = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                values[line[..space]] = ParseNumber(line[(space + 1)..]);
            }
        }

        return values;
    }

    public static void Write(string directory, string name, string value)
    {
        string path = Path.Combine(directory, name);
        try
        {
            File.WriteAllText(path, value);
        }
        catch (IOException e)
        {
            throw new InvalidArgumentException($"writing '{value}' to {path} failed: {e.Message}; check the value and that the cgroup exists", e);
        }
    }
}
