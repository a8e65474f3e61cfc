using Berth.Core.Errors;
using Berth.Shim.Interop;
using Berth.Shim.Reaping;

namespace Berth.Shim.Stdio;

/// <summary>
/// The pty master of a process with a terminal: stdin FIFO → master, master → stdout (FIFO, file or logging
/// binary; stderr is the same stream on a terminal). The master outlives the copies, for resizes.
/// </summary>
internal sealed class PtyConsole : IProcessStdio
{
    private readonly FileDescriptor _master;
    private readonly List<StreamCopy> _copies = [];
    private StreamCopy? _output;
    private FileDescriptor? _stdinFifoWriter;
    private LoggingBinary? _logger;

    private PtyConsole(FileDescriptor master) => _master = master;

    public static PtyConsole Start(FileDescriptor master, StdioPaths paths, Reaper reaper, string id, string @namespace)
    {
        var console = new PtyConsole(master);
        try
        {
            if (paths.Stdin.Length > 0)
            {
                var (reader, writer) = OutputTarget.OpenStdin(paths.Stdin);
                console._stdinFifoWriter = writer;
                console._copies.Add(StreamCopy.Start($"{id} console stdin", reader, master, ownsSource: true, ownsDestination: false));
            }

            if (paths.Stdout.Length > 0)
            {
                var destination = paths.OutputKind switch
                {
                    OutputKind.File => OutputTarget.OpenLogFile(paths.OutputFile),
                    OutputKind.Binary => console.StartLogger(paths.Stdout, reaper, id, @namespace),
                    _ => OutputTarget.Open(paths.Stdout),
                };
                console._output = StreamCopy.Start($"{id} console", master, destination, ownsSource: false, ownsDestination: true);
                console._copies.Add(console._output);
            }

            return console;
        }
        catch
        {
            console.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    public Task WaitDrainedAsync(TimeSpan idle) => _output is null ? Task.CompletedTask : Drain.WaitAsync([_output], idle);

    public void CloseStdin()
    {
        _stdinFifoWriter?.Dispose();
        _stdinFifoWriter = null;
    }

    public unsafe void Resize(ushort columns, ushort rows)
    {
        var size = new Libc.WindowSize { Columns = columns, Rows = rows };
        if (Libc.Ioctl(_master.Number, Libc.TiocSetWindowSize, &size) != 0)
        {
            throw new FailedPreconditionException($"resize the console to {columns}x{rows}: {_master.Failure("ioctl TIOCSWINSZ").Message}");
        }
    }

    private FileDescriptor StartLogger(string uri, Reaper reaper, string id, string @namespace)
    {
        var (outRead, outWrite) = FileDescriptor.Pipe();
        var (errRead, errWrite) = FileDescriptor.Pipe();
        using (outRead)
        using (errRead)
        using (errWrite)
        {
            _logger = LoggingBinary.Start(reaper, uri, id, @namespace, outRead, errRead);
        }

        return outWrite;
    }

    public async ValueTask DisposeAsync()
    {
        CloseStdin();
        foreach (var copy in _copies)
        {
            copy.Stop();
        }

        await Task.WhenAll(_copies.Select(c => c.Completion));
        _master.Dispose();
        if (_logger is not null)
        {
            await _logger.StopAsync();
        }
    }
}
