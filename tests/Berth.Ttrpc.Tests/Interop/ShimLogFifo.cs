namespace Berth.Ttrpc.Tests.Interop;

/// <summary>
/// The "log" FIFO in a bundle that containerd-shim-runc-v2 writes its log to (containerd opens the read end before it
/// starts a shim; the shim waits for it). Reads everything until the shim closes it.
/// </summary>
internal sealed class ShimLogFifo : IAsyncDisposable
{
    private readonly string _path;
    private readonly Task<string> _reading;

    private ShimLogFifo(string path)
    {
        _path = path;
        _reading = Task.Run(() =>
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read));
            return reader.ReadToEnd();
        });
    }

    public static async Task<ShimLogFifo> CreateAsync(string path)
    {
        var (code, _, stderr) = await ExternalProcess.RunAsync("mkfifo", [path]);
        Assert.True(code == 0, $"mkfifo {path}: {stderr}");
        return new ShimLogFifo(path);
    }

    /// <summary>What the shim logged so far, if it has closed its end (for failure messages).</summary>
    public string Text => _reading.IsCompletedSuccessfully ? _reading.Result : "(the shim's log is still open)";

    public async ValueTask DisposeAsync()
    {
        if (!_reading.IsCompleted)
        {
            // Nobody opened the write end (the shim never started): open it ourselves so that the reader's open returns.
            await using (new FileStream(_path, FileMode.Open, FileAccess.Write))
            {
            }
        }

        await _reading.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
