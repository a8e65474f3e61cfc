using System.Text.Json;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Operations.Containers.Changes;

/// <summary>
/// docker commit's <c>--change</c>: one Dockerfile instruction each, read into the normal form the engine applies.
/// CMD and ENTRYPOINT take a JSON array of strings, else a shell form run with <c>/bin/sh -c</c>; ENV and LABEL take
/// <c>key=value</c> pairs (values may be quoted) or the old <c>key value…</c>; EXPOSE ports and ranges (<c>80</c> is
/// <c>80/tcp</c>); VOLUME a JSON array or paths; USER, WORKDIR and STOPSIGNAL the rest of the line. Refusals are in
/// dockerd's words, which docker prints as the daemon's.
/// </summary>
public static class ConfigChangeParser
{
    /// <summary>Reads one <c>--change</c> value.</summary>
    public static ConfigChange Parse(string change)
    {
        ArgumentNullException.ThrowIfNull(change);
        string trimmed = change.Trim();
        int space = trimmed.IndexOfAny([' ', '\t']);
        string keyword = space < 0 ? trimmed : trimmed[..space];
        string rest = space < 0 ? string.Empty : trimmed[space..].Trim();
        string name = keyword.ToUpperInvariant();
        return name switch
        {
            "CMD" => new ConfigChange(ConfigInstruction.Cmd, Command(rest)),
            "ENTRYPOINT" => new ConfigChange(ConfigInstruction.Entrypoint, Command(rest)),
            "ENV" => new ConfigChange(ConfigInstruction.Env, Pairs(rest, name)),
            "LABEL" => new ConfigChange(ConfigInstruction.Label, Pairs(rest, name)),
            "EXPOSE" => new ConfigChange(ConfigInstruction.Expose, Ports(Words.Split(rest, name))),
            "VOLUME" => new ConfigChange(ConfigInstruction.Volume, JsonArray(rest) ?? Words.Split(rest, name)),
            "USER" => new ConfigChange(ConfigInstruction.User, [One(rest, name)]),
            "WORKDIR" => new ConfigChange(ConfigInstruction.Workdir, [One(rest, name)]),
            "STOPSIGNAL" => new ConfigChange(ConfigInstruction.StopSignal, [One(rest, name)]),
            _ => throw new InvalidArgumentException($"{keyword.ToLowerInvariant()} is not a valid change command"),
        };
    }

    /// <summary>Reads every <c>--change</c>, in order.</summary>
    public static IReadOnlyList<ConfigChange> ParseAll(IEnumerable<string> changes) => [.. changes.Select(Parse)];

    private static List<string> Command(string rest) => JsonArray(rest) ?? ["/bin/sh", "-c", .. rest.Length > 0 ? [rest] : Array.Empty<string>()];

    // A JSON array of strings; null for anything that is not JSON (docker then takes the shell form).
    private static List<string>? JsonArray(string text)
    {
        if (!text.StartsWith('['))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                ? e.GetString()!
                : throw new InvalidArgumentException("when using JSON array syntax, arrays must be comprised of strings only"))];
        }
    }

    private static string One(string rest, string name)
        => rest.Length > 0 ? rest : throw new InvalidArgumentException($"{name} requires exactly one argument");

    // "a=1 b=\"x y\"" gives a=1 and b=x y; the old form "a 1 2" gives a=1 2.
    private static List<string> Pairs(string rest, string name)
    {
        var words = Words.Split(rest, name);
        if (!words[0].Contains('=', StringComparison.Ordinal))
        {
            return words.Count > 1
                ? [$"{words[0]}={rest[rest.IndexOfAny([' ', '\t'])..].Trim()}"]
                : throw new InvalidArgumentException($"{name} must have two arguments");
        }

        return [.. words.Select(w => w.Contains('=', StringComparison.Ordinal)
            ? w
            : throw new InvalidArgumentException($"Syntax error - can't find = in \"{w}\". Must be of the form: name=value"))];
    }

    private static List<string> Ports(List<string> words)
    {
        var ports = new List<string>();
        foreach (string word in words)
        {
            int slash = word.IndexOf('/', StringComparison.Ordinal);
            string range = slash < 0 ? word : word[..slash];
            string protocol = slash < 0 ? "tcp" : word[(slash + 1)..].ToLowerInvariant();
            string[] ends = range.Split('-', 2);
            if (!ushort.TryParse(ends[0], out ushort first) || first == 0 || protocol is not ("tcp" or "udp" or "sctp"))
            {
                throw new InvalidArgumentException($"Invalid containerPort: {word}");
            }

            ushort last = first;
            if (ends.Length == 2 && (!ushort.TryParse(ends[1], out last) || last < first))
            {
                throw new InvalidArgumentException($"Invalid containerPort: {word}");
            }

            for (int port = first; port <= last; port++)
            {
                ports.Add($"{port}/{protocol}");
            }
        }

        return ports;
    }
}
