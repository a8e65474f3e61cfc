using Berth.Shim.Interop;
using Berth.Shim.Reaping;

namespace Berth.Shim.Stdio;

/// <summary>
/// The streams of a process without a terminal: the runtime gets one end of a pipe per stream the client asked for
/// (/dev/null for the others) and the shim copies between the other ends and the client's FIFOs or file, or hands
/// the output pipes to a logging binary. Lifecycle: <see cref="Create"/> → runtime create/exec with
/// <see cref="RuntimeStdin"/>… → <see cref="Start"/> (closes the runtime's ends here, starts the copies) → exit →
/// <see cref="WaitDrainedAsync"/> → <see cref="DisposeAsync"/>.
/// </summary>
internal sealed partial class PipeStdio : IProcessStdio
{
    private readonly StdioPaths _paths;
    private readonly List<StreamCopy> _outputCopies = [];
    private readonly List<StreamCopy> _copies = [];
    private FileDescriptor? _stdinWrite, _stdoutRead, _stderrRead;
    private FileDescriptor? _stdinFifoWriter;
    private LoggingBinary? _logger;

    private PipeStdio(StdioPaths paths) => _paths = paths;

    /// <summary>The runtime's stdin (the read end of a pipe), or null for /dev/null.</summary>
    public FileDescriptor? RuntimeStdin { get; private set; }

    public FileDescriptor? RuntimeStdout { get; private set; }

    public FileDescriptor? RuntimeStderr { get; private set; }

    public static PipeStdio Create(StdioPaths paths, Reaper reaper, string id, string @namespace)
    {
        var stdio = new PipeStdio(paths);
        try
        {
            if (paths.IsNull)
            {
                return stdio;
            }

            var kind = paths.OutputKind;
            if (paths.Stdin.Length > 0)
            {
                (stdio.RuntimeStdin, stdio._stdinWrite) = FileDescriptor.Pipe();
            }

            if (paths.Stdout.Length > 0)
            {
                (stdio._stdoutRead, stdio.RuntimeStdout) = FileDescriptor.Pipe();
            }

            if (paths.Stderr.Length > 0 || kind is OutputKind.Binary or OutputKind.File)
            {
                (stdio._stderrRead, stdio.RuntimeStderr) = FileDescriptor.Pipe();
            }

            if (kind == OutputKind.Binary)
            {
                stdio._logger = LoggingBinary.Start(reaper, paths.Stdout, id, @namespace, stdio._stdoutRead!, stdio._stderrRead!);
            }

            return stdio;
        }
        catch
        {
            stdio.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Called once the runtime has handed the streams to the process: drops the runtime's ends, starts copying.</summary>
    public void Start(string id)
    {
        CloseRuntimeEnds();
        if (_paths.IsNull)
        {
            return;
        }

        switch (_paths.OutputKind)
        {
            case OutputKind.Binary:
                // The logger holds its own copies of the read ends now.
                _stdoutRead?.Dispose();
                _stderrRead?.Dispose();
                break;
            case OutputKind.File:
                var file = OutputTarget.OpenLogFile(_paths.OutputFile);
                CopyOutput(id, "stdout", ref _stdoutRead, file, ownsDestination: false);
                CopyOutput(id, "stderr", ref _stderrRead, file, ownsDestination: false);
                _ = Task.WhenAll(_outputCopies.Select(c => c.Completion)).ContinueWith(_ => file.Dispose(), TaskScheduler.Default);
                break;
            default:
                if (_paths.Stdout.Length > 0)
                {
                    CopyOutput(id, "stdout", ref _stdoutRead, OutputTarget.Open(_paths.Stdout), ownsDestination: true);
                }

                if (_paths.Stderr.Length > 0)
                {
                    CopyOutput(id, "stderr", ref _stderrRead, OutputTarget.Open(_paths.Stderr), ownsDestination: true);
                }

                break;
        }

        if (_paths.Stdin.Length > 0 && _stdinWrite is not null)
        {
            var (reader, writer) = OutputTarget.OpenStdin(_paths.Stdin);
            _stdinFifoWriter = writer;
            _copies.Add(StreamCopy.Start($"{id} stdin", reader, _stdinWrite, ownsSource: true, ownsDestination: true));
            _stdinWrite = null;
        }
    }

    private void CopyOutput(string id, string stream, ref FileDescriptor? source, FileDescriptor destination, bool ownsDestination)
    {
        if (source is null)
        {
            return;
        }

        var copy = StreamCopy.Start($"{id} {stream}", source, destination, ownsSource: true, ownsDestination);
        source = null;
        _outputCopies.Add(copy);
        _copies.Add(copy);
    }
}
