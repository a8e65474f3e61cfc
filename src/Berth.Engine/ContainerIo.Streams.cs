using Berth.Core.Engine;
using Berth.Core.Logs;

namespace Berth.Engine;

internal sealed partial class ContainerIo
{
    private readonly SemaphoreSlim _stdinLock = new(1, 1);
    private FileStream? _stdin;
    private bool _stdinClosed;

    /// <summary>Writes to the container's stdin FIFO (opened on first use; the shim holds its reader).</summary>
    public async ValueTask WriteStdinAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Paths.Stdin.Length == 0)
        {
            throw new Core.Errors.FailedPreconditionException("the container has no stdin: create it with -i");
        }

        await _stdinLock.WaitAsync(cancellationToken);
        try
        {
            if (_stdinClosed)
            {
                return;
            }

            _stdin ??= await Task.Run(() => new FileStream(Paths.Stdin, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 0), cancellationToken);
            await _stdin.WriteAsync(data, cancellationToken);
        }
        finally
        {
            _stdinLock.Release();
        }
    }

    /// <summary>Closes berthd's end of stdin for good (the task's CloseIO closes the shim's).</summary>
    public async ValueTask CloseStdinAsync()
    {
        await _stdinLock.WaitAsync();
        try
        {
            _stdinClosed = true;
            if (_stdin is not null)
            {
                await _stdin.DisposeAsync();
                _stdin = null;
            }
        }
        finally
        {
            _stdinLock.Release();
        }
    }

    /// <summary>
    /// Ends the copies: a copy still waiting in open for a writer (the task never started) gets one that goes away at
    /// once, which it reads as the end; then waits for them and closes the log.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (string fifo in new[] { Paths.Stdout, Paths.Stderr }.Where(p => p.Length > 0 && File.Exists(p)))
        {
            try
            {
                // Read-write: never blocks, and counts as the writer a blocked reader waits for.
                using var unblock = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0);
            }
            catch (IOException)
            {
            }
        }

        await _pumps.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await CloseStdinAsync();
        _log?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task Pump(string path, LogStream stream) => Task.Factory.StartNew(() =>
    {
        try
        {
            // Blocks until the shim opens its end.
            using var fifo = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0);
            byte[] buffer = new byte[ChunkSize];
            int read;
            while ((read = fifo.Read(buffer)) > 0)
            {
                Publish(stream, buffer.AsSpan(0, read));
            }
        }
        catch (IOException)
        {
            // The FIFO went away with its folder: the output is over.
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Publish(LogStream stream, ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            _log?.Write(stream, data);
            if (_readers.Count > 0)
            {
                var chunk = new OutputChunk(stream, data.ToArray());
                foreach (var reader in _readers)
                {
                    reader.Writer.TryWrite(chunk);
                }
            }
        }
    }

    private void End()
    {
        lock (_gate)
        {
            _ended = true;
            _log?.Flush();
            foreach (var reader in _readers)
            {
                reader.Writer.TryComplete();
            }

            _readers.Clear();
        }
    }
}
