namespace Berth.Storage.Gc;

/// <summary>
/// An async reader-writer lock between the writers that put something in a backend and then record it (shared)
/// and the garbage collector (exclusive): while a collection runs, nothing can sit in a backend unrecorded, so the
/// sweep never deletes a blob or snapshot a writer is about to record. Waiting writers go before new shared
/// holders so that a steady flow of commits cannot starve the collector; when the collector lets go, every
/// waiting shared holder goes in at once.
/// </summary>
internal sealed class CollectionLock
{
    private readonly Lock _sync = new();
    private readonly Queue<TaskCompletionSource<Releaser>> _exclusiveWaiters = new();
    private readonly List<TaskCompletionSource<Releaser>> _sharedWaiters = [];
    private int _shared;
    private bool _exclusive;

    /// <summary>Enters in shared mode; dispose the result to leave.</summary>
    public ValueTask<Releaser> SharedAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_exclusive && _exclusiveWaiters.Count == 0)
            {
                _shared++;
                return ValueTask.FromResult(new Releaser(this, exclusive: false));
            }

            return Wait(_sharedWaiters.Add, waiter => _sharedWaiters.Remove(waiter), cancellationToken);
        }
    }

    /// <summary>Enters alone; dispose the result to leave.</summary>
    public ValueTask<Releaser> ExclusiveAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_exclusive && _shared == 0)
            {
                _exclusive = true;
                return ValueTask.FromResult(new Releaser(this, exclusive: true));
            }

            return Wait(_exclusiveWaiters.Enqueue, _ => { }, cancellationToken);
        }
    }

    private ValueTask<Releaser> Wait(Action<TaskCompletionSource<Releaser>> enqueue,
        Action<TaskCompletionSource<Releaser>> dequeue, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new TaskCompletionSource<Releaser>(TaskCreationOptions.RunContinuationsAsynchronously);
        enqueue(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_sync)
                {
                    // A waiter granted meanwhile holds the lock and must release it as usual.
                    if (waiter.TrySetCanceled(cancellationToken))
                    {
                        dequeue(waiter);
                        GrantWaiters();
                    }
                }
            });
            _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return new ValueTask<Releaser>(waiter.Task);
    }

    private void Release(bool exclusive)
    {
        lock (_sync)
        {
            if (exclusive)
            {
                _exclusive = false;
            }
            else
            {
                _shared--;
            }

            GrantWaiters();
        }
    }

    // Called with _sync held. Cancelled exclusive waiters stay queued until they reach the front; skip them there.
    private void GrantWaiters()
    {
        if (_exclusive)
        {
            return;
        }

        if (_shared == 0)
        {
            while (_exclusiveWaiters.TryDequeue(out var next))
            {
                if (next.TrySetResult(new Releaser(this, exclusive: true)))
                {
                    _exclusive = true;
                    return;
                }
            }
        }

        if (_exclusiveWaiters.Count > 0 && _exclusiveWaiters.All(w => w.Task.IsCompleted))
        {
            _exclusiveWaiters.Clear();
        }

        if (_exclusiveWaiters.Count == 0)
        {
            foreach (var waiter in _sharedWaiters)
            {
                if (waiter.TrySetResult(new Releaser(this, exclusive: false)))
                {
                    _shared++;
                }
            }

            _sharedWaiters.Clear();
        }
    }

    /// <summary>Leaves the lock when disposed.</summary>
    public readonly struct Releaser(CollectionLock owner, bool exclusive) : IDisposable
    {
        public void Dispose() => owner?.Release(exclusive);
    }
}
