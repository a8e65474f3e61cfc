namespace Berth.Shim.Stdio;

/// <summary>Waiting for output copies to reach the end before an exit is reported.</summary>
internal static class Drain
{
    /// <summary>
    /// Completes when every copy has ended, or when none has moved a byte for <paramref name="idle"/>: a process
    /// left behind (a daemon forked by an exec) can hold a pipe open for ever, and the exit must still be told.
    /// </summary>
    public static async Task WaitAsync(IReadOnlyCollection<StreamCopy> copies, TimeSpan idle)
    {
        var all = Task.WhenAll(copies.Select(c => c.Completion));
        long last = -1;
        while (!all.IsCompleted)
        {
            long now = copies.Sum(c => c.BytesCopied);
            if (now == last)
            {
                return;
            }

            last = now;
            await Task.WhenAny(all, Task.Delay(idle));
        }
    }
}
