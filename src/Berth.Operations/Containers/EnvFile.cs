using Berth.Core.Errors;

namespace Berth.Operations.Containers;

/// <summary>
/// <c>--env-file</c>, read as docker reads it (checked against dockerd 20.10): leading whitespace dropped, blank lines
/// and <c>#</c> comments skipped, <c>NAME=value</c> kept as written (the value's own spaces too), a bare <c>NAME</c> taken
/// from this environment when it is set there and left out when not; a name with whitespace, or none, is refused.
/// </summary>
public static class EnvFile
{
    /// <summary>The variables of the file at <paramref name="path"/>, in its order, as <c>NAME=value</c>.</summary>
    public static IReadOnlyList<string> Read(string path, Func<string, string?>? lookup = null)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException($"open {path}: no such file or directory");
        }

        return Parse(path, lines, lookup ?? Environment.GetEnvironmentVariable);
    }

    /// <summary>The variables of <paramref name="lines"/>; <paramref name="path"/> names the file in errors.</summary>
    public static IReadOnlyList<string> Parse(string path, IEnumerable<string> lines, Func<string, string?> lookup)
    {
        var variables = new List<string>();
        foreach (string raw in lines)
        {
            // ReadAllLines leaves neither the newline nor a carriage return before it; a byte-order mark may start line 1.
            string line = raw.TrimStart('\uFEFF').TrimStart();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? line : line[..equals];
            if (name.Length == 0)
            {
                throw new InvalidArgumentException($"invalid env file ({path}): no variable name on line '{line}'");
            }

            if (name.Any(char.IsWhiteSpace))
            {
                throw new InvalidArgumentException($"invalid env file ({path}): variable '{name}' contains whitespaces");
            }

            if (equals >= 0)
            {
                variables.Add(line);
            }
            else if (lookup(name) is { } value)
            {
                variables.Add($"{name}={value}");
            }
        }

        return variables;
    }
}
