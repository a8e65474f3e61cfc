using Berth.Core.Engine;
using Berth.Engine.Events;

namespace Berth.Engine.Tests.Events;

public sealed class EngineEventLogTests
{
    private static readonly Dictionary<string, string> NoAttributes = [];

    [Fact]
    public async Task Subscribe_Since_ReplaysStoredThenLiveWithoutGapOrRepeat()
    {
        var log = new EngineEventLog();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        log.Publish("ns", EngineEventTypes.Container, "create", "a", NoAttributes);
        log.Publish("ns", EngineEventTypes.Container, "start", "a", NoAttributes);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var events = log.SubscribeAsync("ns", new EngineEventQuery(before, null), cts.Token).GetAsyncEnumerator(cts.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("create", events.Current.Action);
        // Published after the subscription was made (the first MoveNext made it): it comes once, after the replay.
        log.Publish("ns", EngineEventTypes.Container, "die", "a", NoAttributes);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("start", events.Current.Action);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("die", events.Current.Action);
    }

    [Fact]
    public async Task Subscribe_NoSinceNoUntil_GetsOnlyLiveEvents()
    {
        var log = new EngineEventLog();
        log.Publish("ns", EngineEventTypes.Volume, "create", "old", NoAttributes);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var events = log.SubscribeAsync("ns", new EngineEventQuery(null, null), cts.Token).GetAsyncEnumerator(cts.Token);
        // The first MoveNext runs the subscription up to its first wait: it is registered once the call returns.
        var next = events.MoveNextAsync();
        log.Publish("ns", EngineEventTypes.Volume, "create", "new", NoAttributes);

        Assert.True(await next);
        Assert.Equal("new", events.Current.ActorId);
    }

    [Fact]
    public async Task Subscribe_PastUntil_ReplaysTheWindowAndEnds()
    {
        var log = new EngineEventLog();
        log.Publish("ns", EngineEventTypes.Container, "create", "a", NoAttributes);
        await Task.Delay(20);
        var cut = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        log.Publish("ns", EngineEventTypes.Container, "destroy", "a", NoAttributes);

        var untilCut = await ListAsync(log.SubscribeAsync("ns", new EngineEventQuery(null, cut)));
        var fromCut = await ListAsync(log.SubscribeAsync("ns", new EngineEventQuery(cut, DateTimeOffset.UtcNow)));

        Assert.Equal(["create"], untilCut.Select(e => e.Action));
        Assert.Equal(["destroy"], fromCut.Select(e => e.Action));
    }

    [Fact]
    public async Task Subscribe_FutureUntil_EndsWhenItComes()
    {
        var log = new EngineEventLog();
        var started = DateTimeOffset.UtcNow;

        var events = await ListAsync(log.SubscribeAsync("ns", new EngineEventQuery(null, started.AddMilliseconds(300))));

        Assert.Empty(events);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Subscribe_UntilBeyondTheLongestTimer_WaitsAndIsCancelledByTheCaller()
    {
        var log = new EngineEventLog();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await ListAsync(log.SubscribeAsync("ns", new EngineEventQuery(null, DateTimeOffset.UtcNow.AddDays(400)), cts.Token)));
    }

    [Fact]
    public async Task Publish_BeyondCapacity_DropsTheOldest_AndNamespacesStayApart()
    {
        var log = new EngineEventLog(3, TimeProvider.System);
        foreach (string id in new[] { "1", "2", "3", "4" })
        {
            log.Publish("ns", EngineEventTypes.Container, "create", id, NoAttributes);
        }

        log.Publish("other", EngineEventTypes.Container, "create", "x", NoAttributes);

        var stored = await ListAsync(log.SubscribeAsync("ns", new EngineEventQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow)));
        Assert.Equal(["2", "3", "4"], stored.Select(e => e.ActorId));
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.First.TimeNano < p.Second.TimeNano));
    }

    [Fact]
    public async Task Publish_SameClockTick_StampsStrictlyIncreasingTimes()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new StoppedClock { Now = now };
        var log = new EngineEventLog(16, clock);
        log.Publish("ns", EngineEventTypes.Container, "kill", "a", NoAttributes);
        log.Publish("ns", EngineEventTypes.Container, "die", "a", NoAttributes);
        clock.Now = now.AddSeconds(1);

        var stored = await ListAsync(log.SubscribeAsync("ns", new EngineEventQuery(DateTimeOffset.UnixEpoch, now.AddMilliseconds(200))));

        Assert.Equal(stored[0].TimeNano + 1, stored[1].TimeNano);
    }

    private static async Task<List<EngineEvent>> ListAsync(IAsyncEnumerable<EngineEvent> events)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var list = new List<EngineEvent>();
        await foreach (var e in events.WithCancellation(cts.Token))
        {
            list.Add(e);
        }

        return list;
    }

    private sealed class StoppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
