using System.Threading.Channels;
using Berth.Core.Engine;
using Berth.Core.Logs;
using Berth.Core.Tasks;
using Berth.Linux;

namespace Berth.Engine;

/// <summary>
/// A running container's stdio on berthd's side, as dockerd keeps it: the shim writes the output into FIFOs, and the
/// engine copies each chunk into the json-file log and to every attachment at once (under one lock, so a log reader
/// that subscribes sees each chunk once, from the file or from the subscription). Stdin is a FIFO attachments write to.
/// The shim opens the FIFOs read-write, so output waits in the pipe (up to its size) while berthd restarts.
/// </summary>
internal sealed partial class ContainerIo : IAsyncDisposable
{
    private const int ChunkSize = 32 * 1024;
    private readonly Lock _gate = new();
    private readonly List<Channel<OutputChunk>> _readers = [];
    private readonly JsonLogWriter? _log;
    private readonly string _folder;
    private readonly Task _pumps;
    private bool _ended;

    private ContainerIo(string folder, ProcessIo paths, JsonLogWriter? log)
    {
        _folder = folder;
        Paths = paths;
        _log = log;
        var pumps = new List<Task> { Pump(paths.Stdout, LogStream.Stdout) };
        if (paths.Stderr.Length > 0)
        {
            pumps.Add(Pump(paths.Stderr, LogStream.Stderr));
        }

        _pumps = Task.WhenAll(pumps).ContinueWith(_ => End(), TaskScheduler.Default);
    }

    /// <summary>The FIFOs as the task is created with them.</summary>
    public ProcessIo Paths { get; }

    /// <summary>Done once the shim has closed every output (the container and its copies are over) and the log is flushed.</summary>
    public Task Completion => _pumps;

    /// <summary>
    /// The FIFOs in <paramref name="folder"/>, made anew unless <paramref name="reopen"/> (a container that ran while
    /// berthd restarted keeps the ones its shim holds), and the copies from them; the output is logged when
    /// <paramref name="log"/> is given (a container's, not an exec's).
    /// </summary>
    public static ContainerIo Open(ISyscalls syscalls, string folder, bool tty, bool stdin, (string Path, JsonLogOptions Options)? log, bool reopen)
    {
        var paths = new ProcessIo(
            stdin ? Path.Join(folder, "stdin") : string.Empty, Path.Join(folder, "stdout"), tty ? string.Empty : Path.Join(folder, "stderr"), tty);
        if (!reopen)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            foreach (string fifo in new[] { paths.Stdin, paths.Stdout, paths.Stderr }.Where(p => p.Length > 0))
            {
                syscalls.MakeNode(fifo, FileKind.Fifo, 0b110_000_000, 0, 0);
            }
        }

        if (log is not { } wanted)
        {
            return new ContainerIo(folder, paths, null);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(wanted.Path)!);
        return new ContainerIo(folder, paths, new JsonLogWriter(wanted.Path, wanted.Options));
    }

    /// <summary>Output from now on; completes when the container's output ends (at once if it has).</summary>
    public ChannelReader<OutputChunk> Subscribe() => Subscribe(() => { });

    /// <summary>
    /// As <see cref="Subscribe()"/>, running <paramref name="whileHeld"/> first under the lock that orders the output
    /// (a log reader reads the file there, so nothing is missed or seen twice).
    /// </summary>
    public ChannelReader<OutputChunk> Subscribe(Action whileHeld)
    {
        var channel = Channel.CreateUnbounded<OutputChunk>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            whileHeld();
            if (_ended)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _readers.Add(channel);
            }
        }

        return channel.Reader;
    }

    /// <summary>Stops sending to a subscription.</summary>
    public void Unsubscribe(ChannelReader<OutputChunk> reader)
    {
        lock (_gate)
        {
            _readers.RemoveAll(c => c.Reader == reader);
        }
    }
}
