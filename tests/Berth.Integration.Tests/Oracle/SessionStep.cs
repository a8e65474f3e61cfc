using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oracle;

/// <summary>
/// One command of the scripted session, as typed after the program's name. <c>IMG</c> stands for the image and
/// <c>HOSTDIR</c> for the side's own host folder, so that the script reads the same for both sides.
/// </summary>
internal sealed record SessionStep(params string[] Args)
{
    /// <summary>The image placeholder: the same registry reference on both sides.</summary>
    public const string Image = "IMG";

    /// <summary>The host folder placeholder: each side gets a folder of its own.</summary>
    public const string HostDir = "HOSTDIR";

    /// <summary>Run on the host (stat, cat), not through the CLI: what a container left behind.</summary>
    public bool OnHost { get; init; }

    /// <summary>
    /// Compare only whether stderr contains this text, not its first line: the runtime's wording around it differs
    /// by version (docker wraps it in "failed to create shim task", berth names the container).
    /// </summary>
    public string? StderrMentions { get; init; }

    /// <summary>Run again (up to 10 s) until this holds: output a container prints on its own time.</summary>
    public Func<ProcessResult, bool>? Until { get; init; }

    /// <summary>Fields taken from stdout in place of its lines (an inspect document, a count), when the step succeeded.</summary>
    public Func<string, IEnumerable<(string Field, string Value)>>? Project { get; init; }

    /// <summary>How the step shows in the table: its command line, arguments with spaces in single quotes.</summary>
    public string Title => (OnHost ? "host: " : string.Empty)
        + string.Join(' ', Args.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Length == 0 ? $"'{a}'" : a));

    /// <summary>The subcommand (run, exec, logs…), for telling a command berth lacks from one that failed.</summary>
    public string Verb => Args[0];
}

/// <summary>One compared line of a step: which part (exit, stdout 2, stderr, .State.Status) and its normalised text.</summary>
internal sealed record SessionLine(string Field, string Text);

/// <summary>What one side printed for one step, as the lines compared.</summary>
internal sealed record SessionOutcome(SessionStep Step, IReadOnlyList<SessionLine> Lines, ProcessResult Raw);
