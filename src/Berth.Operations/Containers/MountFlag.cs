using System.Globalization;
using System.Text;
using Berth.Core.Containers.Options;
using Berth.Core.Errors;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>--mount type=bind|tmpfs,…</c>, read as docker's CLI reads it (comma-separated, CSV quoting, its key names and
/// refusals); volumes, which berth does not have yet, are refused.
/// </summary>
internal static class MountFlag
{
    private const string Flag = "--mount";

    /// <summary>A <see cref="BindMount"/> or a <see cref="TmpfsMount"/>.</summary>
    public static object Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string field in Split(text))
        {
            int eq = field.IndexOf('=', StringComparison.Ordinal);
            string key = (eq < 0 ? field : field[..eq]).ToLowerInvariant();
            if (eq < 0 && key is not ("readonly" or "ro" or "volume-nocopy" or "bind-nonrecursive"))
            {
                throw FlagValues.Invalid(text, Flag, $"invalid field '{field}' must be a key=value pair");
            }

            key = key switch { "src" => "source", "dst" or "destination" => "target", "ro" => "readonly", _ => key };
            fields[key] = eq < 0 ? "true" : field[(eq + 1)..];
            if (key is not ("type" or "source" or "target" or "readonly" or "consistency" or "bind-propagation" or "bind-recursive"
                or "bind-nonrecursive" or "tmpfs-size" or "tmpfs-mode") && !key.StartsWith("volume-", StringComparison.Ordinal))
            {
                throw FlagValues.Invalid(text, Flag, $"unexpected key '{key}' in '{field}'");
            }
        }

        bool readOnly = fields.TryGetValue("readonly", out string? ro) && Bool(text, "readonly", ro);
        string type = fields.GetValueOrDefault("type", "volume");
        string target = fields.GetValueOrDefault("target") ?? throw FlagValues.Invalid(text, Flag, "target is required");
        return type switch
        {
            "bind" => Bind(text, fields, target, readOnly),
            "tmpfs" => Tmpfs(text, fields, target, readOnly),
            "volume" => throw new InvalidArgumentException(
                $"--mount {text}: volumes are not supported yet: use type=bind with a host folder, or type=tmpfs"),
            _ => throw new InvalidArgumentException($"invalid mount config for type \"{type}\": mount type unknown"),
        };
    }

    private static BindMount Bind(string text, Dictionary<string, string> fields, string target, bool readOnly)
    {
        string source = fields.GetValueOrDefault("source") ?? string.Empty;
        string? problem = source.Length == 0 ? "field Source must not be empty"
            : !source.StartsWith('/') ? $"invalid mount path: '{source}' mount path must be absolute"
            : !target.StartsWith('/') ? $"invalid mount path: '{target}' mount path must be absolute"
            : fields.TryGetValue("bind-propagation", out string? p) && !BindMount.IsPropagation(p) ? $"invalid propagation mode: {p}"
            : null;
        if (problem is not null)
        {
            throw new InvalidArgumentException($"invalid mount config for type \"bind\": {problem}");
        }

        bool recursive = fields.GetValueOrDefault("bind-recursive", "enabled") is not "disabled"
            && !(fields.TryGetValue("bind-nonrecursive", out string? nonRecursive) && Bool(text, "bind-nonrecursive", nonRecursive));
        return new BindMount(source, target)
        {
            ReadOnly = readOnly,
            Propagation = fields.GetValueOrDefault("bind-propagation", "rprivate"),
            Recursive = recursive,
        };
    }

    private static TmpfsMount Tmpfs(string text, Dictionary<string, string> fields, string target, bool readOnly)
    {
        if (fields.ContainsKey("source"))
        {
            throw new InvalidArgumentException("invalid mount config for type \"tmpfs\": field Source must not be specified");
        }

        var options = new List<string>();
        if (fields.TryGetValue("tmpfs-size", out string? size))
        {
            long bytes;
            try
            {
                bytes = Core.Units.ByteSize.Parse(size);
            }
            catch (InvalidArgumentException)
            {
                throw FlagValues.Invalid(text, Flag, $"invalid value for tmpfs-size: {size}");
            }

            options.Add("size=" + bytes.ToString(CultureInfo.InvariantCulture));
        }

        if (fields.TryGetValue("tmpfs-mode", out string? mode))
        {
            options.Add(uint.TryParse(mode, NumberStyles.None, CultureInfo.InvariantCulture, out _) && mode.All(c => c is >= '0' and <= '7')
                ? "mode=" + mode
                : throw FlagValues.Invalid(text, Flag, $"invalid value for tmpfs-mode: {mode}"));
        }

        if (readOnly)
        {
            options.Add("ro");
        }

        return new TmpfsMount(target, options);
    }

    // Go's strconv.ParseBool, whose failure docker reports with the key's name.
    private static bool Bool(string text, string key, string value) => value switch
    {
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw FlagValues.Invalid(text, Flag, $"invalid value for {key}: {value}"),
    };

    // One CSV record: commas split fields, double quotes protect commas ("" is a quote).
    private static List<string> Split(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"' && quoted && i + 1 < text.Length && text[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }
}
