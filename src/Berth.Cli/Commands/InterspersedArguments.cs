using System.CommandLine;

namespace Berth.Cli.Commands;

/// <summary>
/// docker's <c>run [OPTIONS] IMAGE [COMMAND] [ARG...]</c>: options end at the image, and what follows is the
/// container's command even when it looks like options (<c>berth run busybox ls -la</c>). System.CommandLine reads
/// options anywhere, so a <c>--</c> is put after the image before parsing. Finding the image means skipping the
/// options before it with their values, which this reads from the command tree as System.CommandLine would (a
/// command's own options first, then the recursive ones of its parents; short flags bundled as in <c>-it</c>).
/// </summary>
internal static class InterspersedArguments
{
    /// <summary>
    /// The arguments with the <c>--</c> put in; <paramref name="unknownFlag"/> says, in docker's words, the first option
    /// that no command on the way knows (System.CommandLine would take it for the image or another argument).
    /// </summary>
    public static string[] StopAfterFirstArgument(RootCommand root, string[] args, out string? unknownFlag)
    {
        unknownFlag = null;
        Command current = root;
        var inherited = new List<Option>(root.Options.Where(o => o.Recursive));
        for (int i = 0; i < args.Length;)
        {
            string token = args[i];
            if (token == "--")
            {
                return args;
            }

            if (token.Length > 1 && token[0] == '-')
            {
                unknownFlag ??= Unknown(token, current, inherited);
                i += 1 + ValuesAfter(token, current, inherited);
                continue;
            }

            var sub = current.Subcommands.FirstOrDefault(c => c.Name == token || c.Aliases.Contains(token));
            if (sub is not null)
            {
                current = sub;
                inherited.InsertRange(0, sub.Options.Where(o => o.Recursive));
                i++;
                continue;
            }

            return RunCommand.StopsAtFirstArgument(current) ? [.. args[..(i + 1)], "--", .. args[(i + 1)..]] : args;
        }

        return args;
    }

    // How many of the following tokens the option token takes as its value: 1 for a valued option given alone.
    private static int ValuesAfter(string token, Command command, List<Option> inherited)
    {
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            return token.Contains('=', StringComparison.Ordinal) || Find(token, command, inherited) is not { } option || !TakesValue(option) ? 0 : 1;
        }

        if (Find(token, command, inherited) is { } whole)
        {
            return TakesValue(whole) ? 1 : 0;
        }

        // Bundled short options: flags until one that takes a value, whose value is the rest (or the next token).
        for (int k = 1; k < token.Length; k++)
        {
            if (Find("-" + token[k], command, inherited) is not { } option)
            {
                return 0;
            }

            if (TakesValue(option))
            {
                return k == token.Length - 1 ? 1 : 0;
            }
        }

        return 0;
    }

    // docker's (pflag's) words for an option nobody defines; null when the token is known.
    private static string? Unknown(string token, Command command, List<Option> inherited)
    {
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            string name = token.Split('=', 2)[0];
            return Find(name, command, inherited) is null ? $"unknown flag: {name}" : null;
        }

        if (Find(token, command, inherited) is not null)
        {
            return null;
        }

        for (int k = 1; k < token.Length; k++)
        {
            if (Find("-" + token[k], command, inherited) is not { } option)
            {
                return $"unknown shorthand flag: '{token[k]}' in {token}";
            }

            if (TakesValue(option))
            {
                return null;
            }
        }

        return null;
    }

    private static Option? Find(string name, Command command, List<Option> inherited)
        => command.Options.Concat(inherited).FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static bool TakesValue(Option option) => option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;
}
