using Berth.Shim.Memory;

namespace Berth.Shim.Tests.Memory;

public sealed class IdleTrimmerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private long _allocated;

    [Fact]
    public async Task Start_ABurstThenQuiet_TrimsOnceAndNotAgainWhileQuiet()
    {
        using var trimmer = IdleTrimmer.Start(Period, () => Interlocked.Read(ref _allocated));
        Interlocked.Add(ref _allocated, 2 << 20);

        await WaitForAsync(() => trimmer.Trims > 0);
        await Task.Delay(Period * 6, TestContext.Current.CancellationToken);

        Assert.Equal(1, trimmer.Trims);
    }

    [Fact]
    public async Task Start_WhileAllocatingSteadily_WaitsForQuiet()
    {
        using var trimmer = IdleTrimmer.Start(Period, () => Interlocked.Read(ref _allocated));
        var busyUntil = DateTime.UtcNow + Period * 10;
        var busy = new Thread(() =>
        {
            while (DateTime.UtcNow < busyUntil)
            {
                Interlocked.Add(ref _allocated, 64 * 1024);
                Thread.Sleep(1);
            }
        });
        busy.Start();
        busy.Join();

        int duringBusy = trimmer.Trims;
        await WaitForAsync(() => trimmer.Trims > duringBusy);

        Assert.Equal(0, duringBusy);
    }

    [Fact]
    public async Task Start_LittleAllocated_NeverTrims()
    {
        using var trimmer = IdleTrimmer.Start(Period, () => Interlocked.Read(ref _allocated));
        for (int i = 0; i < 8; i++)
        {
            Interlocked.Add(ref _allocated, 20 * 1024);
            await Task.Delay(Period, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, trimmer.Trims);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Period, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "no trim within 10 s");
    }
}
