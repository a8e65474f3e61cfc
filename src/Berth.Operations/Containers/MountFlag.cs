using System.Globalization;
using System.Text;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>--mount type=bind|volume|tmpfs,…</c>, read as docker's CLI reads it (comma-separated, CSV quoting, its key names
/// and refusals), then checked as dockerd checks a mount; also the checks <c>-v</c> shares with it.
/// </summary>
internal static class MountFlag
{
    private const string Flag = "--mount";

    private static readonly HashSet<string> VolumeKeys = ["volume-nocopy", "volume-label", "volume-driver", "volume-opt", "volume-subpath"];
    private static readonly HashSet<string> LabelModes = ["z", "Z"];
    private static readonly HashSet<string> ConsistencyModes = ["consistent", "cached", "delegated"];
    private static readonly string[] Families = ["volume", "bind", "tmpfs"];

    /// <summary>A <see cref="BindMount"/>, a <see cref="TmpfsMount"/> or a <see cref="VolumeMount"/>.</summary>
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
                or "bind-nonrecursive" or "tmpfs-size" or "tmpfs-mode") && !VolumeKeys.Contains(key))
            {
                throw FlagValues.Invalid(text, Flag, $"unexpected key '{key}' in '{field}'");
            }
        }

        bool readOnly = fields.TryGetValue("readonly", out string? ro) && Bool(text, "readonly", ro);
        bool noCopy = fields.TryGetValue("volume-nocopy", out string? nc) && Bool(text, "volume-nocopy", nc);
        string type = fields.GetValueOrDefault("type", "volume").ToLowerInvariant();
        if (type.Length == 0)
        {
            throw FlagValues.Invalid(text, Flag, "type is required");
        }

        string target = fields.GetValueOrDefault("target") ?? throw FlagValues.Invalid(text, Flag, "target is required");
        foreach (string family in Families)
        {
            if (family != type && fields.Keys.Any(k => k.StartsWith(family + "-", StringComparison.Ordinal)))
            {
                throw FlagValues.Invalid(text, Flag, $"cannot mix '{family}-*' options with mount type '{type}'");
            }
        }

        return type switch
        {
            "bind" => Bind(text, fields, target, readOnly),
            "tmpfs" => Tmpfs(text, fields, target, readOnly),
            "volume" => Volume(text, fields, target, readOnly, noCopy),
            _ => throw new InvalidArgumentException($"invalid mount config for type \"{type}\": mount type unknown"),
        };
    }

    /// <summary>
    /// dockerd's test of a volume mount's options (the part after the second colon of <c>-v</c>): ro/rw, z/Z, a
    /// propagation, nocopy and a consistency, each at most once.
    /// </summary>
    public static bool IsVolumeMode(string mode)
    {
        if (mode.Length == 0)
        {
            return true;
        }

        string[] options = mode.Split(',');
        var kinds = options.Select(o => o is "ro" or "rw" ? "rw" : LabelModes.Contains(o) ? "label" : BindMount.IsPropagation(o) ? "propagation"
            : o == "nocopy" ? "copy" : ConsistencyModes.Contains(o) ? "consistency" : null).ToList();
        return !kinds.Contains(null) && kinds.Distinct().Count() == kinds.Count;
    }

    /// <summary>dockerd's refusal of a volume mount, in its order and words; null when it has none.</summary>
    /// <param name="source">The volume's name; null or empty for an anonymous volume.</param>
    /// <param name="bindOptions">Whether a bind option (a propagation) came with it.</param>
    public static string? VolumeProblem(string? source, string target, bool readOnly, bool bindOptions)
        => target.StartsWith('/') && Clean(target) == "/" ? "invalid specification: destination can't be '/'"
            : !target.StartsWith('/') ? $"invalid mount path: '{target}' mount path must be absolute"
            : bindOptions ? "field BindOptions must not be specified"
            : readOnly && string.IsNullOrEmpty(source) ? "must not set ReadOnly mode when using anonymous volumes"
            : null;

    /// <summary>Go's path.Clean of an absolute path (/a//b/../c/ is /a/c); a relative one is left as it is.</summary>
    public static string Clean(string path)
        => !path.StartsWith('/') ? path : Path.GetFullPath(path) is var full && full.Length > 1 ? full.TrimEnd('/') : "/";

    private static VolumeMount Volume(string text, Dictionary<string, string> fields, string target, bool readOnly, bool noCopy)
    {
        if (fields.TryGetValue("volume-driver", out string? driver) && driver is not ("" or "local"))
        {
            throw new InvalidArgumentException($"error looking up volume plugin {driver}: plugin \"{driver}\" not found");
        }

        // What the engine's volume mounts cannot carry is refused rather than dropped.
        if (fields.Keys.FirstOrDefault(k => k is "volume-label" or "volume-opt" or "volume-subpath") is { } unsupported)
        {
            throw new InvalidArgumentException(
                $"--mount {text}: {unsupported} is not supported yet: make the volume with berth volume create (--label, --opt) and mount it whole");
        }

        string? source = fields.GetValueOrDefault("source") is { Length: > 0 } name ? name : null;
        if (VolumeProblem(source, target, readOnly, bindOptions: false) is { } problem)
        {
            throw new InvalidArgumentException($"invalid mount config for type \"volume\": {problem}");
        }

        return new VolumeMount(source, Clean(target)) { ReadOnly = readOnly, NoCopy = noCopy };
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
