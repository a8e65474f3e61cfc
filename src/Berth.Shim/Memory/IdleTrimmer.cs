namespace Berth.Shim.Memory;

/// <summary>
/// Gives memory back to the kernel once the shim goes quiet. A shim lives as long as its container and is idle nearly all
/// that time, but what it allocated while creating the container (the spec, the runtime's output, the first requests)
/// would stay committed in the GC's young generation. After a burst of allocation followed by a quiet period, one
/// aggressive collection compacts and decommits it: a running shim then holds little more than its live objects
/// (bench/run.sh compares its memory with containerd-shim-runc-v2's).
/// </summary>
internal sealed class IdleTrimmer : IDisposable
{
    /// <summary>How long the shim must have allocated nothing worth mentioning before it trims.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(2);

    // Allocation below this since the last trim is not worth a full compacting collection.
    private const long TrimThreshold = 256 * 1024;

    // Allocation below this within one quiet period still counts as quiet (timers, a state query, the OOM watch).
    private const long QuietThreshold = 128 * 1024;

    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private int _trims;

    private readonly Func<long> _allocatedBytes;

    private IdleTrimmer(TimeSpan quietPeriod, Func<long> allocatedBytes)
    {
        _allocatedBytes = allocatedBytes;
        _timer = new PeriodicTimer(quietPeriod);
        _loop = RunAsync();
    }

    /// <summary>How many trims ran (tests watch it).</summary>
    public int Trims => Volatile.Read(ref _trims);

    /// <summary>Starts watching; tests give a shorter period and their own count of allocated bytes.</summary>
    public static IdleTrimmer Start(TimeSpan? quietPeriod = null, Func<long>? allocatedBytes = null)
        => new(quietPeriod ?? QuietPeriod, allocatedBytes ?? (() => GC.GetTotalAllocatedBytes(precise: true)));

    public void Dispose()
    {
        // A disposed timer ends the loop's wait with false: no cancellation exception, whose stack trace a shim would
        // resolve to names on its way out.
        _timer.Dispose();
        _loop.Wait();
    }

    private async Task RunAsync()
    {
        long trimmedAt = 0;
        long previous = _allocatedBytes();
        while (await _timer.WaitForNextTickAsync())
        {
            long now = _allocatedBytes();
            bool quiet = now - previous < QuietThreshold;
            if (quiet && now - trimmedAt >= TrimThreshold)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                trimmedAt = _allocatedBytes();
                Interlocked.Increment(ref _trims);
            }

            previous = _allocatedBytes();
        }
    }
}
