using System.Text;
using Berth.Linux;
using Microsoft.Extensions.Logging;

namespace Berth.Runtime.Shims;

/// <summary>
/// The FIFO <c>&lt;bundle&gt;/log</c> a shim writes its log to, read by the daemon into its own log, as containerd does.
/// The daemon holds it open for reading and writing, so the shim's open never blocks and no end of file comes while the
/// shim restarts its writer; a shim cannot log while no daemon reads (the pipe fills), which is why it is reopened when
/// the daemon reconnects to a running shim.
/// </summary>
public sealed class ShimLog : IDisposable
{
    private readonly FileStream _fifo;
    private readonly string _path;
    private readonly Thread _reader;
    private volatile bool _closing;

    private ShimLog(string path, FileStream fifo, ILogger logger, string @namespace, string id)
    {
        _path = path;
        _fifo = fifo;
        _reader = new Thread(() => Read(logger, @namespace, id)) { IsBackground = true, Name = $"shim-log-{id}" };
        _reader.Start();
    }

    /// <summary>Makes (if needed) and opens the log FIFO of the bundle at <paramref name="bundlePath"/>.</summary>
    public static ShimLog Open(string bundlePath, string @namespace, string id, ISyscalls syscalls, ILogger logger)
    {
        string path = Path.Join(bundlePath, "log");
        if (syscalls.Lstat(path) is null)
        {
            syscalls.MakeNode(path, FileKind.Fifo, 0x1c0, 0, 0);
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        return new ShimLog(path, new FileStream(handle, FileAccess.Read, bufferSize: 0), logger, @namespace, id);
    }

    /// <summary>Stops reading. A blocked read is woken by a last empty line, which the reader takes as the end.</summary>
    public void Dispose()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        try
        {
            // Through a handle of its own: the reader thread is inside a read on the other one.
            using var writer = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            writer.Write("\n"u8);
        }
        catch (IOException)
        {
        }

        _reader.Join(TimeSpan.FromSeconds(5));
        _fifo.Dispose();
    }

    private void Read(ILogger logger, string @namespace, string id)
    {
        try
        {
            using var lines = new StreamReader(_fifo, Encoding.UTF8, false, 4096, leaveOpen: true);
            while (!_closing && lines.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    RuntimeLog.ShimLine(logger, @namespace, id, line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            RuntimeLog.ShimLine(logger, @namespace, id, $"log {_path} closed: {ex.Message}");
        }
    }
}
