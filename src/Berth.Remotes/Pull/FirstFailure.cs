using System.Runtime.ExceptionServices;

namespace Berth.Remotes.Pull;

// The first real error wins: the cancellations it causes in the other downloads are not what the caller should see.
internal sealed class FirstFailure(CancellationTokenSource cancel)
{
    private Exception? _first;

    public void Record(Exception ex)
    {
        if (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
        {
            Interlocked.CompareExchange(ref _first, ex, null);
        }

        cancel.Cancel();
    }

    public void Rethrow()
    {
        if (_first is { } first)
        {
            ExceptionDispatchInfo.Throw(first);
        }
    }
}
