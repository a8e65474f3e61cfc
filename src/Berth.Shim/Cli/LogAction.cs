using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Core.Logs;
using Berth.Shim.Interop;

namespace Berth.Shim.Cli;

/// <summary>
/// <c>berth-shim log json-file path &lt;file&gt; [max-size &lt;size&gt;] [max-file &lt;n&gt;]</c>: a <c>binary://</c> logger
/// (containerd's contract: the container's stdout on descriptor 3, stderr on 4, descriptor 5 closed once ready) that
/// keeps docker's json-file log. It runs under the shim, so the log goes on while berthd is down. It ends at the end of
/// both outputs, or on SIGTERM (the shim's stop) after taking what is already in the pipes.
/// </summary>
internal static class LogAction
{
    private const string Usage = "use: berth-shim log json-file path <file> [max-size <size>] [max-file <n>]";
    private static volatile bool s_stopping;

    public static int Run(string[] args)
    {
        if (args is not ["log", "json-file", .. var rest] || rest.Length % 2 != 0)
        {
            throw new InvalidArgumentException($"berth-shim log: {string.Join(' ', args)}: {Usage}");
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < rest.Length; i += 2)
        {
            pairs[rest[i]] = rest[i + 1];
        }

        if (!pairs.Remove("path", out string? path) || path.Length == 0)
        {
            throw new InvalidArgumentException($"berth-shim log: no path: {Usage}");
        }

        var options = JsonLogOptions.Parse(pairs);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new JsonLogWriter(path, options);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            s_stopping = true;
        });
        _ = Libc.Close(5);
        var copies = new[] { Copy(3, LogStream.Stdout, writer), Copy(4, LogStream.Stderr, writer) };
        foreach (var copy in copies)
        {
            copy.Join();
        }

        return 0;
    }

    private static Thread Copy(int fd, LogStream stream, JsonLogWriter writer)
    {
        var thread = new Thread(() => CopyUntilEnd(fd, stream, writer)) { Name = $"log {stream}", IsBackground = true };
        thread.Start();
        return thread;
    }

    // Polls with a short timeout so that a SIGTERM is noticed: then what is readable at once is still taken.
    private static unsafe void CopyUntilEnd(int fd, LogStream stream, JsonLogWriter writer)
    {
        byte* buffer = stackalloc byte[32 * 1024];
        while (true)
        {
            var poll = new Libc.PollFd { Fd = fd, Events = Libc.PollIn };
            int ready = Libc.Poll(&poll, 1, 100);
            if (ready == 0)
            {
                if (s_stopping)
                {
                    return;
                }

                continue;
            }

            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == Libc.EIntr)
                {
                    continue;
                }

                return;
            }

            nint n = Libc.Read(fd, buffer, 32 * 1024);
            if (n <= 0)
            {
                if (n < 0 && Marshal.GetLastPInvokeError() == Libc.EIntr)
                {
                    continue;
                }

                return;
            }

            writer.Write(stream, new ReadOnlySpan<byte>(buffer, (int)n));
        }
    }
}
