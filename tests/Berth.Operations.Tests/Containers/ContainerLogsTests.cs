using Berth.Core.Logs;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

public sealed class ContainerLogsTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    public ContainerLogsTests()
    {
        _client.EngineFake.Containers.Add(TestContainers.Runner);
        var at = new DateTimeOffset(2026, 11, 30, 1, 52, 55, TimeSpan.Zero);
        _client.EngineFake.Log.AddRange(
        [
            new LogEntry(LogStream.Stdout, at.AddTicks(532151), "hello\n"),
            new LogEntry(LogStream.Stderr, at.AddTicks(530661), "oops\n"),
            new LogEntry(LogStream.Stdout, at, "no newline"),
        ]);
    }

    private Task LogsAsync(ContainerLogsOptions? options = null) => ContainerOperations.LogsAsync(_client, (options ?? Logs) with
    {
        Stdout = _stdout,
        Stderr = _stderr,
        Time = new FixedTime(TestContainers.Now),
    }, CancellationToken.None);

    private static ContainerLogsOptions Logs => new() { Container = "runner", Stdout = TextWriter.Null, Stderr = TextWriter.Null };

    [Fact]
    public async Task Logs_EachStreamToItsOwn()
    {
        await LogsAsync();

        Assert.Equal("hello\nno newline", _stdout.ToString());
        Assert.Equal("oops\n", _stderr.ToString());
    }

    [Fact]
    public async Task Timestamps_Rfc3339WithNineDigits_AsDockerd()
    {
        await LogsAsync(Logs with { Timestamps = true });

        Assert.Equal("2026-11-30T01:52:55.053215100Z hello\n2026-11-30T01:52:55.000000000Z no newline", _stdout.ToString());
        Assert.Equal("2026-11-30T01:52:55.053066100Z oops\n", _stderr.ToString());
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("0", 0)]
    [InlineData("all", null)]
    [InlineData("-1", null)]
    [InlineData("x", null)]
    public async Task Tail_NumberOrAll(string tail, int? lines)
    {
        await LogsAsync(Logs with { Tail = tail, Follow = true });

        Assert.Equal(lines, _client.EngineFake.LastLogs!.Tail);
        Assert.True(_client.EngineFake.LastLogs.Follow);
    }

    [Theory]
    [InlineData("10m", "2024-05-01T11:50:00+00:00")]
    [InlineData("1h30m", "2024-05-01T10:30:00+00:00")]
    [InlineData("2024-04-30T10:00:00Z", "2024-04-30T10:00:00+00:00")]
    [InlineData("2024-04-30T10:00:00.5+02:00", "2024-04-30T10:00:00.5+02:00")]
    [InlineData("2024-04-30Z", "2024-04-30T00:00:00+00:00")]
    [InlineData("1714564800", "2024-05-01T12:00:00+00:00")]
    [InlineData("1714564800.25", "2024-05-01T12:00:00.25+00:00")]
    public async Task SinceUntil_AsDockersCli(string value, string expected)
    {
        await LogsAsync(Logs with { Since = value, Until = value });

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), _client.EngineFake.LastLogs!.Since);
        Assert.Equal(_client.EngineFake.LastLogs.Since, _client.EngineFake.LastLogs.Until);
    }

    [Fact]
    public async Task Since_Bad_RefusedInDockersWords()
        => Assert.Equal("invalid value for \"since\": failed to parse value as time or duration: \"1x\"",
            (await Assert.ThrowsAsync<ClientException>(() => LogsAsync(Logs with { Since = "1x" }))).Message);
}
