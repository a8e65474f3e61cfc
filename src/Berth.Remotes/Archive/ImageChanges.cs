using System.Text.Json;
using Berth.Core.Errors;
using Berth.Oci.Manifests;

namespace Berth.Remotes.Archive;

/// <summary>
/// docker import's <c>--change</c>: Dockerfile instructions that set the config of the new image. CMD, ENTRYPOINT and
/// VOLUME take JSON arrays or (CMD, ENTRYPOINT) a shell form run with <c>/bin/sh -c</c>; ENV and LABEL take
/// <c>key=value</c> pairs or <c>key value</c>; WORKDIR, USER, STOPSIGNAL a word; EXPOSE ports (<c>80</c> means
/// <c>80/tcp</c>).
/// </summary>
internal static class ImageChanges
{
    public static ContainerConfig? Apply(ContainerConfig? config, IReadOnlyList<string> changes)
    {
        foreach (string change in changes)
        {
            string trimmed = change.Trim();
            int space = trimmed.IndexOfAny([' ', '\t']);
            string instruction = (space < 0 ? trimmed : trimmed[..space]).ToUpperInvariant();
            string rest = space < 0 ? string.Empty : trimmed[space..].Trim();
            config ??= new ContainerConfig();
            config = instruction switch
            {
                "CMD" => config with { Cmd = Command(rest) },
                "ENTRYPOINT" => config with { Entrypoint = Command(rest) },
                "ENV" => config with { Env = SetEnv(config.Env ?? [], Pairs(rest, instruction)) },
                "LABEL" => config with { Labels = SetLabels(config.Labels, Pairs(rest, instruction)) },
                "WORKDIR" => config with { WorkingDir = Required(rest, instruction) },
                "USER" => config with { User = Required(rest, instruction) },
                "STOPSIGNAL" => config with { StopSignal = Required(rest, instruction) },
                "EXPOSE" => config with { ExposedPorts = [.. (config.ExposedPorts ?? []).Union(Words(rest, instruction).Select(p => p.Contains('/', StringComparison.Ordinal) ? p : p + "/tcp"))] },
                "VOLUME" => config with { Volumes = [.. (config.Volumes ?? []).Union(JsonArray(rest) ?? Words(rest, instruction))] },
                _ => throw new InvalidArgumentException($"{(space < 0 ? trimmed : trimmed[..space])} is not a valid change command: use CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME or WORKDIR"),
            };
        }

        return config;
    }

    private static List<string> Command(string rest)
        => JsonArray(rest) ?? (rest.Length == 0 ? [] : ["/bin/sh", "-c", rest]);

    private static List<string>? JsonArray(string text)
    {
        if (!text.StartsWith('['))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, ArchiveJsonContext.Default.ListString);
        }
        catch (JsonException)
        {
            return null; // docker falls back to the shell form
        }
    }

    private static string Required(string rest, string instruction)
        => rest.Length > 0 ? rest : throw new InvalidArgumentException($"{instruction} requires an argument");

    private static List<string> Words(string rest, string instruction)
    {
        var words = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        return words.Count > 0 ? words : throw new InvalidArgumentException($"{instruction} requires at least one argument");
    }

    // "A=1 B=2" (values may be double-quoted) or the old "A 1 2" form.
    private static List<KeyValuePair<string, string>> Pairs(string rest, string instruction)
    {
        var words = Words(rest, instruction);
        if (!words[0].Contains('=', StringComparison.Ordinal))
        {
            return words.Count > 1 ? [new(words[0], rest[words[0].Length..].Trim())] : throw new InvalidArgumentException($"{instruction} {rest} needs a value: use {instruction} key=value");
        }

        return [.. words.Select(w => w.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1].Trim('"') : string.Empty))];
    }

    private static List<string> SetEnv(IReadOnlyList<string> env, List<KeyValuePair<string, string>> pairs)
    {
        var result = env.ToList();
        foreach (var (key, value) in pairs)
        {
            result.RemoveAll(e => e == key || e.StartsWith(key + "=", StringComparison.Ordinal));
            result.Add($"{key}={value}");
        }

        return result;
    }

    private static Dictionary<string, string> SetLabels(IReadOnlyDictionary<string, string>? labels, List<KeyValuePair<string, string>> pairs)
    {
        var result = labels?.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            result[key] = value;
        }

        return result;
    }
}
