using System.Globalization;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oracle;

/// <summary>
/// The session both CLIs go through, step for step: attached runs and their exit codes, a detached container's logs,
/// list and inspect, its name's conflict, stop, wait and removal, create + start -a, a bind folder's contents, exec.
/// </summary>
internal static class SessionScript
{
    private const string Img = SessionStep.Image;

    public static IReadOnlyList<SessionStep> Steps { get; } =
    [
        new("run", "--rm", Img, "echo", "hello"),
        new("run", "--rm", Img, "sh", "-c", "echo out; echo err >&2; exit 3"),
        // The runtime's message around these is worded per version: the exit code and its gist are compared.
        new SessionStep("run", "--rm", Img, "no-such-cmd") { StderrMentions = "executable file not found" },
        new SessionStep("run", "--rm", Img, "/etc") { StderrMentions = "permission denied" },
        new("run", "--bogus-flag", Img),
        // The test image links the busybox applets the tests use, hostname not among them: busybox runs it by name.
        new("run", "--rm", "-e", "FOO=bar", "-w", "/tmp", "-u", "1000", "--hostname", "hx", Img,
            "sh", "-c", "echo $FOO; pwd; id -u; busybox hostname"),
        new("run", "--rm", "--hostname", "hx", Img, "sh", "-c", "cat /etc/hostname; ls /etc"),

        // The pause keeps the two lines in one order in the log: they come through two pipes, copied by two readers.
        new("run", "-d", "--name", "s1", Img, "sh", "-c", "echo one; sleep 0.1; echo two >&2; sleep 300"),
        new SessionStep("logs", "s1") { Until = BothLines },
        new("logs", "--tail", "1", "s1"),
        new("logs", "-t", "s1"),
        new("ps", "--format", "{{.Names}}|{{.Image}}|{{.Command}}|{{.Status}}"),
        new SessionStep("ps", "-q") { Project = Count },
        new("inspect", "-f",
            "{{.State.Status}} {{.State.Running}} {{.Config.Cmd}} {{.Config.Image}} {{.HostConfig.RestartPolicy.Name}} {{.Name}}", "s1"),
        new SessionStep("inspect", "s1") { Project = InspectProjection.Of },
        new("run", "-d", "--name", "s1", Img, "true"),
        // Refused while it runs.
        new("rm", "s1"),
        new("stop", "-t", "1", "s1"),
        new("wait", "s1"),
        new("ps", "-a", "--filter", "name=s1", "--format", "{{.Status}}"),
        new("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.Running}} {{.State.Pid}}", "s1"),
        // docker's table: its header and row, the padding set aside (a duration's wording changes the columns' widths).
        new SessionStep("ps", "-a") { Project = Columns },
        new("rm", "s1"),
        new("rm", "s1"),

        new("create", "--name", "c1", Img, "sh", "-c", "exit 5"),
        new("start", "-a", "c1"),
        new("inspect", "-f", "{{.State.ExitCode}}", "c1"),
        new("rm", "c1"),

        new("run", "--rm", "-v", $"{SessionStep.HostDir}:/data", Img, "sh", "-c", "echo x > /data/f; ls -l /data"),
        new SessionStep("stat", "-c", "%u:%g %a %s", $"{SessionStep.HostDir}/f") { OnHost = true },
        new SessionStep("cat", $"{SessionStep.HostDir}/f") { OnHost = true },

        new("run", "-d", "--name", "s2", Img, "sleep", "300"),
        new("exec", "s2", "echo", "hi"),
        new("exec", "-e", "A=1", "s2", "sh", "-c", "echo $A"),
        new("exec", "s2", "sh", "-c", "exit 4"),
        new("exec", "-u", "1000", "-w", "/tmp", "s2", "sh", "-c", "id -u; pwd"),
        new("kill", "s2"),
        new("wait", "s2"),
        new("exec", "s2", "true"),
        new("rm", "s2"),

        // What is not there: each command's error and exit code.
        new("logs", "nosuch"),
        new("inspect", "nosuch"),
        new("stop", "nosuch"),
        new("start", "nosuch"),
        new("wait", "nosuch"),
        new("exec", "nosuch", "true"),
    ];

    // The container prints on its own time: its log is read once it has both lines.
    private static bool BothLines(ProcessResult logs)
        => logs.Stdout.Contains("one", StringComparison.Ordinal) && logs.Stderr.Contains("two", StringComparison.Ordinal);

    private static IEnumerable<(string Field, string Value)> Count(string stdout)
        => [("count of ids", stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ToString(CultureInfo.InvariantCulture))];

    // A table's cells are at least two spaces apart, and no cell here has two spaces in it.
    private static IEnumerable<(string Field, string Value)> Columns(string stdout)
        => stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select((line, i) =>
            (i == 0 ? "header" : $"row {i}", string.Join(" | ", line.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()))));

    /// <summary>Whether the side's CLI has no such command yet (berth's parser names an unknown verb).</summary>
    public static bool NotImplemented(SessionOutcome outcome)
        => outcome.Raw.ExitCode == 1
            && outcome.Raw.Stderr.Contains($"unknown command: berth {outcome.Step.Verb}", StringComparison.Ordinal);

    /// <summary>Removes what the session may have left, errors ignored.</summary>
    public static async Task CleanUpAsync(Func<IReadOnlyList<string>, Task<ProcessResult>> cli)
    {
        var all = await cli(["ps", "-aq"]);
        var ids = all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (ids.Length > 0)
        {
            await cli(["rm", "-f", .. ids]);
        }
    }
}
