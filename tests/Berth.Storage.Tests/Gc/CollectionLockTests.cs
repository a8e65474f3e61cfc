using Berth.Storage.Gc;

namespace Berth.Storage.Tests.Gc;

public sealed class CollectionLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Exclusive_WaitsForEverySharedHolder()
    {
        var gate = new CollectionLock();
        var first = await gate.SharedAsync(Ct);
        var second = await gate.SharedAsync(Ct);

        var exclusive = gate.ExclusiveAsync(Ct).AsTask();
        first.Dispose();
        Assert.False(exclusive.IsCompleted);
        second.Dispose();

        (await exclusive.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Dispose();
    }

    [Fact]
    public async Task Shared_WaitsWhileAnExclusiveHolderOrWaiterExists()
    {
        var gate = new CollectionLock();
        var shared = await gate.SharedAsync(Ct);
        var exclusive = gate.ExclusiveAsync(Ct).AsTask();

        var late = gate.SharedAsync(Ct).AsTask();
        Assert.False(late.IsCompleted);
        shared.Dispose();
        var held = await exclusive.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.False(late.IsCompleted);
        held.Dispose();

        (await late.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Dispose();
        (await gate.ExclusiveAsync(Ct)).Dispose();
    }

    [Fact]
    public async Task CancelledExclusiveWaiter_LetsSharedHoldersIn()
    {
        var gate = new CollectionLock();
        var shared = await gate.SharedAsync(Ct);
        using var cancel = new CancellationTokenSource();
        var exclusive = gate.ExclusiveAsync(cancel.Token).AsTask();
        var waitingShared = gate.SharedAsync(Ct).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => exclusive);
        (await waitingShared.WaitAsync(TimeSpan.FromSeconds(5), Ct)).Dispose();
        shared.Dispose();
        (await gate.ExclusiveAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Ct)).Dispose();
    }
}
