using Berth.Core.Engine;
using Berth.Operations.Events;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Events;

public sealed class EventOperationsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 5, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_SinceUntil_ParsedAsDockerAndSentToTheDaemon_FilteredOutputPrinted()
    {
        var client = new FakeBerthClient();
        client.EventsFake.Stored.Add(new EngineEvent(EngineEventTypes.Container, "start", "abc", new Dictionary<string, string> { ["name"] = "web" }, 1));
        client.EventsFake.Stored.Add(new EngineEvent(EngineEventTypes.Volume, "create", "vv", new Dictionary<string, string> { ["driver"] = "local" }, 2));
        var stdout = new StringWriter();

        await EventOperations.EventsAsync(client, new EventsOptions
        {
            Since = "10m", Until = "1700000000.5", Filters = ["type=volume"], Format = "{{.Action}} {{.Actor.ID}}", Stdout = stdout, Time = new FixedTime(Now),
        }, TestContext.Current.CancellationToken);

        Assert.Equal("create vv\n", stdout.ToString());
        var query = Assert.Single(client.EventsFake.Queries);
        Assert.Equal(Now.AddMinutes(-10), query.Since);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), query.Until);
    }

    [Fact]
    public async Task Events_NoTimes_AsksForLiveEventsOnly()
    {
        var client = new FakeBerthClient();

        await EventOperations.EventsAsync(client, new EventsOptions { Stdout = TextWriter.Null }, TestContext.Current.CancellationToken);

        Assert.Equal(new EngineEventQuery(null, null), Assert.Single(client.EventsFake.Queries));
    }

    [Theory]
    [InlineData("abc", "failed to parse value as time or duration: \"abc\"")]
    [InlineData("2026-13-01", "parsing time \"2026-13-01\": a part of it is out of range")]
    public async Task Events_BadTime_SaysWhatDockerSays(string since, string message)
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => EventOperations.EventsAsync(new FakeBerthClient(),
            new EventsOptions { Since = since, Stdout = TextWriter.Null }, TestContext.Current.CancellationToken));

        Assert.Equal(message, error.Message);
    }
}
