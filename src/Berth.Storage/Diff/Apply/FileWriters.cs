using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Berth.Storage.Diff.Apply;

/// <summary>
/// Creates a layer's small regular files on other threads while the applier reads on through the tar. Creating an inode
/// is most of an unpack's time and runs on one core otherwise; files in different folders are created in parallel by
/// the kernel. The applier stays the only one to look at the tree: before it reads a path it waits for that path's
/// write (<see cref="WaitFor"/>), and before it lists a folder or sets folder times it waits for all of them.
/// </summary>
internal sealed class FileWriters : IAsyncDisposable
{
    /// <summary>Larger files are written by the applier itself, streamed rather than held in memory.</summary>
    public const int MaxBufferedFile = 1 << 20;

    private const long MaxBytesInFlight = 32L << 20;

    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly Task[] _workers;
    private long _bytesInFlight;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _abandoned;

    public FileWriters(int workers)
        => _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(RunAsync, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap())];

    /// <summary>Up to three writers, one per core; none on a single core, where they would only take turns with the applier.</summary>
    public static int DefaultWorkers => Environment.ProcessorCount < 2 ? 0 : Math.Min(Environment.ProcessorCount, 3);

    /// <summary>Whether a file of <paramref name="length"/> bytes is handed over rather than written in place.</summary>
    public bool Accepts(long length) => _workers.Length > 0 && length <= MaxBufferedFile;

    /// <summary>
    /// Hands over the creation of <paramref name="rel"/>: <paramref name="write"/> runs on a writer with the bytes, whose
    /// buffer (rented from the shared pool, or empty) is returned afterwards. Waits while too many bytes are in flight.
    /// </summary>
    public void Enqueue(string rel, byte[] buffer, int length, Action<ReadOnlyMemory<byte>> write)
    {
        lock (_gate)
        {
            while (_pending.Count > 0 && _bytesInFlight + length > MaxBytesInFlight && _failure is null)
            {
                Monitor.Wait(_gate);
            }

            _failure?.Throw();
            _pending.Add(rel);
            _bytesInFlight += length;
        }

        _jobs.Writer.TryWrite(new Job(rel, buffer, length, write));
    }

    /// <summary>Returns once <paramref name="rel"/> is not being written; throws what a writer failed with.</summary>
    public void WaitFor(string rel)
    {
        lock (_gate)
        {
            while (_pending.Contains(rel) && _failure is null)
            {
                Monitor.Wait(_gate);
            }

            _failure?.Throw();
        }
    }

    /// <summary>Returns once every file handed over is written; throws what a writer failed with.</summary>
    public void WaitForAll()
    {
        lock (_gate)
        {
            while (_pending.Count > 0 && _failure is null)
            {
                Monitor.Wait(_gate);
            }

            _failure?.Throw();
        }
    }

    /// <summary>Stops the writers; files not yet written when the apply failed are dropped (the journal undoes the rest).</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _abandoned = _pending.Count > 0;
        }

        _jobs.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task RunAsync()
    {
        await foreach (var job in _jobs.Reader.ReadAllAsync())
        {
            ExceptionDispatchInfo? failure = null;
            try
            {
                if (!_abandoned && Volatile.Read(ref _failure) is null)
                {
                    job.Write(job.Buffer.AsMemory(0, job.Length));
                }
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                if (job.Buffer.Length > 0)
                {
                    ArrayPool<byte>.Shared.Return(job.Buffer);
                }
            }

            lock (_gate)
            {
                _failure ??= failure;
                _pending.Remove(job.Rel);
                _bytesInFlight -= job.Length;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private sealed record Job(string Rel, byte[] Buffer, int Length, Action<ReadOnlyMemory<byte>> Write);
}
