using Berth.Shim.Reaping;
using Berth.Shim.Runtime;
using Berth.Shim.Stdio;

namespace Berth.Shim.Processes;

/// <summary>
/// The streams of a process being created: pipes handed to the runtime, or a console socket on which the runtime
/// sends the pty master. <see cref="CompleteAsync"/> after the runtime succeeded; dispose in any case.
/// </summary>
internal sealed class StreamSetup : IAsyncDisposable
{
    private static readonly TimeSpan MasterTimeout = TimeSpan.FromSeconds(30);
    private readonly StdioPaths _paths;
    private readonly Reaper _reaper;
    private readonly string _id;
    private readonly string _namespace;
    private PipeStdio? _pipes;
    private ConsoleSocket? _socket;

    private StreamSetup(StdioPaths paths, Reaper reaper, string id, string @namespace)
    {
        _paths = paths;
        _reaper = reaper;
        _id = id;
        _namespace = @namespace;
    }

    public RuntimeIO? RuntimeIO => _pipes is null ? null : new RuntimeIO(_pipes.RuntimeStdin, _pipes.RuntimeStdout, _pipes.RuntimeStderr);

    public string? ConsoleSocketPath => _socket?.Path;

    public static StreamSetup Prepare(StdioPaths paths, Reaper reaper, string id, string @namespace)
    {
        var setup = new StreamSetup(paths, reaper, id, @namespace);
        if (paths.Terminal)
        {
            setup._socket = ConsoleSocket.Create();
        }
        else
        {
            setup._pipes = PipeStdio.Create(paths, reaper, id, @namespace);
        }

        return setup;
    }

    /// <summary>The runtime has started the process: take the console or start the copies. Ownership passes to the result.</summary>
    public async Task<IProcessStdio> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(MasterTimeout);
            var master = await _socket.ReceiveMasterAsync(timeout.Token);
            return PtyConsole.Start(master, _paths, _reaper, _id, _namespace);
        }

        var pipes = _pipes!;
        pipes.Start(_id);
        _pipes = null;
        return pipes;
    }

    public async ValueTask DisposeAsync()
    {
        _socket?.Dispose();
        if (_pipes is not null)
        {
            await _pipes.DisposeAsync();
        }
    }
}
