using Berth.Core.Metadata;
using Microsoft.Extensions.Logging;

namespace Berth.Storage.Gc;

/// <summary>
/// Runs collections on a background task, one <see cref="Delay"/> after the first request that found none pending:
/// a burst of deletions makes one collection, and a request that arrives while a collection runs makes one more
/// afterwards, so that nothing deleted is left waiting for the next burst (containerd's gc/scheduler, without
/// its pause-threshold tuning).
/// </summary>
internal sealed class GcScheduler(
    Func<CancellationToken, ValueTask<GcResult>> collect, TimeSpan delay, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _requested = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _pending;
    private bool _lastFailed;

    // A collection that failed is tried again, but not in a tight loop.
    private static readonly TimeSpan RetryBackoff = TimeSpan.FromSeconds(1);

    /// <summary>How long a request waits for more before the collection starts.</summary>
    public TimeSpan Delay { get; } = delay;

    /// <summary>Starts the background task; requests made before are kept.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        _loop ??= Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Asks for a collection soon.</summary>
    public void Schedule()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _requested.Release();
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _requested.WaitAsync(stopping);
                await Task.Delay(_lastFailed ? Delay + RetryBackoff : Delay, time, stopping);
                Volatile.Write(ref _pending, 0);
                var result = await collect(stopping);
                _lastFailed = false;
                GcLog.Collected(logger, result.Content, result.Snapshots, result.Ingests, result.Leases, result.Duration);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                GcLog.CollectionFailed(logger, ex);
                _lastFailed = true;
                Schedule();
            }
        }
    }

    /// <summary>Stops the background task, waiting for a collection under way to finish or cancel.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }
}
