using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth logs` and `berth ps` end to end against the shared berthd.</summary>
public sealed partial class LogsPsCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Logs_FollowUntilExit_TailTimestampsSince()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "talker", session.Image, "sh", "-c", "echo early; echo oops >&2; sleep 2; echo late; exit 0");

        // -f from the start: what was written, then what comes, until the container stops.
        var followed = await session.OkAsync("logs", "-f", "talker");
        Assert.Equal(("early\nlate\n", "oops\n"), (followed.Stdout, followed.Stderr));
        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("talker Exited (0) ", StringComparison.Ordinal));

        Assert.Equal("late\n", (await session.OkAsync("logs", "--tail", "1", "talker")).Stdout);

        var stamped = (await session.OkAsync("logs", "-t", "talker")).Stdout;
        var lines = Stamped().Matches(stamped);
        Assert.Equal(["early", "late"], lines.Select(m => m.Groups["text"].Value));
        var late = Time(lines[1]);
        Assert.InRange(late - Time(lines[0]), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));

        string since = late.AddMilliseconds(-500).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        Assert.Equal("late\n", (await session.OkAsync("logs", "--since", since, "talker")).Stdout);
        Assert.Equal("early\nlate\n", (await session.OkAsync("logs", "--since", "1h", "talker")).Stdout);
    }

    [Fact]
    public async Task Ps_AllQuietLastNoTruncFilterFormat()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        string exited = (await session.OkAsync("create", "--name", "first", session.Image, "sh", "-c", "exit 2")).Stdout.Trim();
        Expect(2, await session.RunAsync("start", "-a", "first"));
        string running = (await session.OkAsync("run", "-d", "--name", "second", session.Image, "sleep", "600")).Stdout.Trim();
        string created = (await session.OkAsync("create", "--name", "third", session.Image, "true")).Stdout.Trim();

        var table = (await session.OkAsync("ps")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$", table[0]);
        Assert.Matches($@"^{running[..12]}\s+{Regex.Escape(session.Image)}\s+""sleep 600""\s+.+ ago\s+Up .+\s+second$", table[1]);
        Assert.Equal(2, table.Length);

        Assert.Equal($"{created[..12]}\n{running[..12]}\n{exited[..12]}\n", (await session.OkAsync("ps", "-a", "-q")).Stdout);
        Assert.Equal($"{created}\n{running}\n", (await session.OkAsync("ps", "--last", "2", "-q", "--no-trunc")).Stdout);
        Assert.Equal($"{created}\n", (await session.OkAsync("ps", "-n", "1", "-q", "--no-trunc")).Stdout);
        Assert.Equal($"{created[..12]}\n", (await session.OkAsync("ps", "-l", "-q")).Stdout);
        Assert.Contains(running, (await session.OkAsync("ps", "--no-trunc")).Stdout, StringComparison.Ordinal);
        Assert.Equal($"{exited[..12]}\n", (await session.OkAsync("ps", "-q", "--filter", "status=exited")).Stdout);

        var formatted = (await session.OkAsync("ps", "-a", "--format", "{{.Names}} {{.Status}}")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("third Created", formatted[0]);
        Assert.Matches(@"^second Up (Less than a second|About a minute|\d+ (seconds?|minutes?))$", formatted[1]);
        Assert.Matches(@"^first Exited \(2\) (Less than a second|About a minute|\d+ (seconds?|minutes?)) ago$", formatted[2]);
    }

    // RFC 3339 with up to nanoseconds; .NET reads seven fractional digits at most.
    private static DateTimeOffset Time(Match line)
    {
        string text = line.Groups["time"].Value.TrimEnd('Z');
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        string seconds = text[..dot] + "." + text[(dot + 1)..].PadRight(7, '0')[..7];
        return DateTimeOffset.ParseExact(seconds + "Z", "yyyy-MM-dd'T'HH:mm:ss.fffffffK", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?m)^(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z) (?<text>\w+)$")]
    private static partial Regex Stamped();
}
