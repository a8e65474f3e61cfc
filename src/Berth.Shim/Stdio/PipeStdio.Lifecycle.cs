namespace Berth.Shim.Stdio;

internal sealed partial class PipeStdio
{
    public Task WaitDrainedAsync(TimeSpan idle) => Drain.WaitAsync(_outputCopies, idle);

    public void CloseStdin()
    {
        _stdinFifoWriter?.Dispose();
        _stdinFifoWriter = null;
    }

    public void Resize(ushort columns, ushort rows)
    {
    }

    /// <summary>Drops the runtime's ends (after it started the process, or when it failed to).</summary>
    public void CloseRuntimeEnds()
    {
        RuntimeStdin?.Dispose();
        RuntimeStdout?.Dispose();
        RuntimeStderr?.Dispose();
        RuntimeStdin = RuntimeStdout = RuntimeStderr = null;
    }

    public async ValueTask DisposeAsync()
    {
        CloseRuntimeEnds();
        CloseStdin();
        foreach (var copy in _copies)
        {
            copy.Stop();
        }

        await Task.WhenAll(_copies.Select(c => c.Completion));
        _stdinWrite?.Dispose();
        _stdoutRead?.Dispose();
        _stderrRead?.Dispose();
        if (_logger is not null)
        {
            await _logger.StopAsync();
        }
    }
}
