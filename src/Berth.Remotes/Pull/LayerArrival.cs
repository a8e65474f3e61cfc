namespace Berth.Remotes.Pull;

/// <summary>
/// How far this pull has written a blob into its ingest, for an unpack that follows the download instead of waiting
/// for it. The fetcher moves it on after every write; readers wait on it.
/// </summary>
internal sealed class LayerArrival
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;
    private bool _writing;
    private bool _ended;

    /// <summary>Whether this pull holds the blob's ingest open now, so that the ingest can be followed.</summary>
    public bool IsWriting
    {
        get
        {
            lock (_lock)
            {
                return _writing && !_ended;
            }
        }
    }

    /// <summary>The writer is open, with <paramref name="offset"/> bytes in the ingest (more than before, or a restart).</summary>
    public void Advance(long offset) => Update(() => (_written, _writing) = (offset, true));

    /// <summary>The download is over, committed or failed: readers stop waiting.</summary>
    public void End() => Update(() => _ended = true);

    /// <summary>Waits until more than <paramref name="offset"/> bytes are written or the download is over; returns the bytes written and whether it is over.</summary>
    public async ValueTask<(long Written, bool Ended)> WaitBeyondAsync(long offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_written > offset || _ended)
                {
                    return (_written, _ended);
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    private void Update(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
