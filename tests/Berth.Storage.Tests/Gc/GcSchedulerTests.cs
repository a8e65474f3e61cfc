using Berth.Core.Metadata;
using Berth.Storage.Gc;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Storage.Tests.Gc;

public sealed class GcSchedulerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Schedule_ManyTimesInABurst_CollectsOnce()
    {
        int collections = 0;
        await using var scheduler = new GcScheduler(_ =>
        {
            Interlocked.Increment(ref collections);
            return ValueTask.FromResult(new GcResult(0, 0, 0, 0, TimeSpan.Zero));
        }, TimeSpan.FromMilliseconds(100), TimeProvider.System, NullLogger.Instance);
        scheduler.Start();

        for (int i = 0; i < 50; i++)
        {
            scheduler.Schedule();
        }

        await Task.Delay(600, Ct);
        Assert.Equal(1, Volatile.Read(ref collections));
    }

    [Fact]
    public async Task Schedule_DuringACollection_CollectsOnceMoreAfterwards()
    {
        int collections = 0;
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var scheduler = new GcScheduler(async _ =>
        {
            if (Interlocked.Increment(ref collections) == 1)
            {
                running.SetResult();
                await release.Task;
            }

            return new GcResult(0, 0, 0, 0, TimeSpan.Zero);
        }, TimeSpan.FromMilliseconds(20), TimeProvider.System, NullLogger.Instance);
        scheduler.Start();
        scheduler.Schedule();
        await running.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        scheduler.Schedule();
        scheduler.Schedule();
        release.SetResult();
        await Task.Delay(400, Ct);

        Assert.Equal(2, Volatile.Read(ref collections));
    }

    [Fact]
    public async Task DisposeAsync_CancelsACollectionUnderWay()
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new GcScheduler(async ct =>
        {
            running.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return new GcResult(0, 0, 0, 0, TimeSpan.Zero);
        }, TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);
        scheduler.Start();
        scheduler.Schedule();
        await running.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct);

        await scheduler.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct);
        scheduler.Schedule();
    }
}
