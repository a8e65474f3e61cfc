using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Core.Logs;

/// <summary>What <c>logs</c> asks for: the last <see cref="Tail"/> entries (all when null), then those from
/// <see cref="Since"/> up to <see cref="Until"/>, as docker applies them.</summary>
public sealed record LogQuery(int? Tail = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null);

/// <summary>Reads a json-file log and its rotated files (oldest first), as <c>docker logs</c> does.</summary>
public static class JsonLogReader
{
    /// <summary>The entries of the log at <paramref name="path"/> (none if it does not exist yet) that the query selects.</summary>
    public static IReadOnlyList<LogEntry> Read(string path, LogQuery query)
    {
        var entries = new List<LogEntry>();
        foreach (string file in FilesOldestFirst(path))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            int number = 0;
            string? line = reader.ReadLine();
            while (line is not null)
            {
                number++;
                string? next = reader.ReadLine();
                if (line.Length > 0 && TryParse(line) is { } entry)
                {
                    entries.Add(entry);
                }
                else if (line.Length > 0 && next is not null)
                {
                    // A torn last line is what a crash in the middle of a write leaves, and is skipped; any other is damage.
                    throw new InternalException($"log file {file} line {number} is not a json-file entry: move the file aside to read the rest");
                }

                line = next;
            }
        }

        IEnumerable<LogEntry> selected = query.Tail is { } tail ? entries.TakeLast(Math.Max(tail, 0)) : entries;
        if (query.Since is { } since)
        {
            selected = selected.Where(e => e.Time >= since);
        }

        if (query.Until is { } until)
        {
            selected = selected.Where(e => e.Time <= until);
        }

        return [.. selected];
    }

    private static IEnumerable<string> FilesOldestFirst(string path)
    {
        var rotated = new List<(int Index, string File)>();
        string? folder = Path.GetDirectoryName(path);
        string name = Path.GetFileName(path);
        if (folder is not null && Directory.Exists(folder))
        {
            foreach (string file in Directory.EnumerateFiles(folder, name + ".*"))
            {
                string suffix = Path.GetFileName(file)[name.Length..];
                if (suffix.StartsWith('.') && int.TryParse(suffix[1..], System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out int index) && index > 0)
                {
                    rotated.Add((index, file));
                }
            }
        }

        foreach (var (_, file) in rotated.OrderByDescending(r => r.Index))
        {
            yield return file;
        }

        if (File.Exists(path))
        {
            yield return path;
        }
    }

    private static LogEntry? TryParse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var stream = root.GetProperty("stream").GetString() == "stderr" ? LogStream.Stderr : LogStream.Stdout;
            return new LogEntry(stream, JsonLogTime.Parse(root.GetProperty("time").GetString() ?? ""), root.GetProperty("log").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
