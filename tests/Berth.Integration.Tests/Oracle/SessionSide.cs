using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Oracle;

/// <summary>
/// One side of the comparison, docker or berth: how to run its CLI, the image both use, and the paths of its own that
/// the normaliser hides. It runs the whole script and keeps each step's output as compared lines.
/// </summary>
/// <param name="networkNone">Whether run and create get <c>--network none</c>, which dockerd's containers need (it runs with no bridge).</param>
internal sealed class SessionSide(Func<IReadOnlyList<string>, Task<ProcessResult>> cli, string image, string dataRoot, string hostDir,
    bool networkNone)
{
    public string Image => image;

    public string DataRoot => dataRoot;

    public string HostDir => hostDir;

    public async Task<IReadOnlyList<SessionOutcome>> RunAsync(IReadOnlyList<SessionStep> script)
    {
        var outcomes = new List<SessionOutcome>();
        foreach (var step in script)
        {
            var args = Arguments(step);
            var result = await RunOnceAsync(step, args);
            for (var deadline = DateTime.UtcNow.AddSeconds(10); step.Until is { } until && !until(result) && DateTime.UtcNow < deadline;)
            {
                await Task.Delay(100);
                result = await RunOnceAsync(step, args);
            }

            outcomes.Add(new SessionOutcome(step, Lines(step, result), result));
        }

        return outcomes;
    }

    private List<string> Arguments(SessionStep step)
    {
        var args = step.Args
            .Select(a => a == SessionStep.Image ? image : a.Replace(SessionStep.HostDir, hostDir, StringComparison.Ordinal)).ToList();
        if (!step.OnHost && networkNone && step.Verb is "run" or "create")
        {
            args.InsertRange(1, ["--network", "none"]);
        }

        return args;
    }

    private Task<ProcessResult> RunOnceAsync(SessionStep step, List<string> args)
        => step.OnHost ? ProcessRunner.RunAsync(args[0], args.Skip(1)) : cli(args);

    // exit, then stdout line by line (or the step's projection of it), then stderr's first line (or whether it mentions a text).
    private List<SessionLine> Lines(SessionStep step, ProcessResult result)
    {
        var lines = new List<SessionLine> { new("exit", result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (step.Project is { } project && result.ExitCode == 0)
        {
            lines.AddRange(project(result.Stdout).Select(f => new SessionLine(f.Field, SessionNormaliser.Normalise(f.Value, this))));
        }
        else
        {
            var stdout = result.Stdout.Split('\n').ToList();
            if (stdout[^1].Length == 0)
            {
                stdout.RemoveAt(stdout.Count - 1);
            }

            lines.AddRange(stdout.Count == 0 ? [new SessionLine("stdout", "(none)")]
                : stdout.Select((l, i) => new SessionLine(i == 0 ? "stdout" : $"stdout {i + 1}", SessionNormaliser.Normalise(l, this))));
        }

        string firstError = result.Stderr.Split('\n').FirstOrDefault(l => l.Length > 0) ?? "(none)";
        lines.Add(step.StderrMentions is { } mention
            ? new SessionLine($"stderr mentions \"{mention}\"", result.Stderr.Contains(mention, StringComparison.Ordinal) ? "yes" : "no")
            : new SessionLine("stderr", SessionNormaliser.Normalise(firstError, this)));
        return lines;
    }
}
