using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Berth.Cli;

/// <summary>
/// A command line that does not parse, told as docker 28 tells it: the problem, the command's usage line and where
/// its help is. A flag's problem exits 125; a wrong count of arguments exits 1, as docker's do.
/// </summary>
internal static class UsageErrors
{
    public static async Task<int> ReportAsync(ParseResult parsed, string? unknownFlag, TextWriter error)
    {
        var command = parsed.CommandResult.Command;
        string path = CommandPath(parsed.CommandResult);
        var (message, exitCode, hint) = unknownFlag is not null
            ? (unknownFlag, Program.ExitUsage, "Run")
            // A group without its subcommand also says "Required command was not provided": the token it did not know tells more.
            : Describe(parsed.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).First(), command, path);
        // docker leaves the usage out for the top level, whose usage is the whole help.
        string usage = parsed.CommandResult.Parent is null ? string.Empty : $"Usage:  {UsageLine(command, path)}\n\n";
        await error.WriteLineAsync($"{message}\n\n{usage}{hint} '{path} --help' for more information");
        return exitCode;
    }

    /// <summary>A command group given alone (<c>berth volume</c>): docker shows its help, and exits 0.</summary>
    public static bool IsBareGroup(ParseResult parsed, string? unknownFlag)
        => unknownFlag is null && parsed.Errors.Count > 0
            && parsed.Errors.All(e => e.Message.StartsWith("Required command", StringComparison.Ordinal));

    private static (string Message, int ExitCode, string Hint) Describe(ParseError error, Command command, string path)
    {
        switch (error.SymbolResult)
        {
            case OptionResult option:
                return ($"flag needs an argument: {option.Option.Name}", Program.ExitUsage, "Run");
            case ArgumentResult or CommandResult when command.Arguments.Count == 0 && command.Subcommands.Count == 0:
                return ($"berth: '{path}' accepts no arguments", 1, "Run");
            case ArgumentResult or CommandResult when command.Subcommands.Count > 0 && command.Arguments.Count == 0:
                return ($"berth: unknown command: {path} {Token(error)}", 1, "Run");
            case ArgumentResult or CommandResult when command.Arguments.Sum(a => a.Arity.MinimumNumberOfValues) is var least && least > 0
                && error.Message.Contains("Required argument missing", StringComparison.Ordinal):
                return ($"berth: '{path}' requires at least {least} argument{(least == 1 ? string.Empty : "s")}", 1, "See");
            default:
                return ($"berth: {error.Message}", Program.ExitUsage, "See");
        }
    }

    // The token System.CommandLine names in its message ("Unrecognized command or argument 'x'.").
    private static string Token(ParseError error) => error.Message.Split('\'') is [_, var token, ..] ? token : string.Empty;

    /// <summary>docker's usage line: <c>berth rm [OPTIONS] CONTAINER [CONTAINER...]</c>.</summary>
    public static string UsageLine(Command command, string path)
    {
        var words = new List<string> { path };
        if (command.Subcommands.Count > 0 && command.Arguments.Count == 0)
        {
            words.Add("COMMAND");
            return string.Join(' ', words);
        }

        if (command.Options.Any(o => !o.Hidden && o is not HelpOption and not VersionOption))
        {
            words.Add("[OPTIONS]");
        }

        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            string name = argument.HelpName ?? argument.Name;
            words.Add((argument.Arity.MinimumNumberOfValues, argument.Arity.MaximumNumberOfValues) switch
            {
                _ when argument.HelpName is not null => name,
                (0, 1) => $"[{name}]",
                (0, _) => $"[{name}...]",
                (1, 1) => name,
                _ => $"{name} [{name}...]",
            });
        }

        return string.Join(' ', words);
    }

    /// <summary>"berth namespace ls" for the command that failed to parse.</summary>
    public static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current?.Parent is not null; current = current.Parent as CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names.Prepend("berth"));
    }
}
