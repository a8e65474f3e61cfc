using System.Threading.Channels;
using Berth.Core.Transfer;

namespace Berth.Remotes;

/// <summary>
/// A transfer (a pull, a push) running in the background, with the callers watching it. Each caller gets its own
/// unbounded channel, so a slow reader never holds the transfer back and no item (least of all the last) is dropped;
/// one who joins late first gets the latest state of every id, then what follows. The transfer's failure completes
/// every channel with the same error.
/// </summary>
internal class TransferJob<TPlan>(TPlan plan)
{
    private readonly Lock _lock = new();
    private readonly List<Channel<TransferProgress>> _watchers = [];
    private readonly List<string> _order = [];
    private readonly Dictionary<string, TransferProgress> _latest = new(StringComparer.Ordinal);
    private bool _finished;

    public TPlan Plan { get; } = plan;

    /// <summary>The transfer itself; set once it has started.</summary>
    public Task? Run { get; set; }

    /// <summary>Starts watching; null when the job finished already (the caller then starts a new one).</summary>
    public ChannelReader<TransferProgress>? Watch()
    {
        lock (_lock)
        {
            if (_finished)
            {
                return null;
            }

            var channel = Channel.CreateUnbounded<TransferProgress>(new UnboundedChannelOptions { SingleReader = true });
            foreach (string id in _order)
            {
                channel.Writer.TryWrite(_latest[id]);
            }

            _watchers.Add(channel);
            return channel.Reader;
        }
    }

    /// <summary>Stops sending to a caller that went away.</summary>
    public void Forget(ChannelReader<TransferProgress> reader)
    {
        lock (_lock)
        {
            _watchers.RemoveAll(c => c.Reader == reader);
        }
    }

    public void Report(TransferProgress progress)
    {
        lock (_lock)
        {
            if (!_latest.ContainsKey(progress.Id))
            {
                _order.Add(progress.Id);
            }

            _latest[progress.Id] = progress;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(progress);
            }
        }
    }

    /// <summary>Ends every watcher's stream: normally, or with <paramref name="failure"/> thrown to each.</summary>
    public void Finish(Exception? failure)
    {
        lock (_lock)
        {
            _finished = true;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryComplete(failure);
            }

            _watchers.Clear();
        }
    }
}
