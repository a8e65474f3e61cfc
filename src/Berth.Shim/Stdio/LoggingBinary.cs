using System.Runtime.InteropServices;
using Berth.Core.Errors;
using Berth.Shim.Interop;
using Berth.Shim.Reaping;

namespace Berth.Shim.Stdio;

/// <summary>
/// A <c>binary://</c> logger (containerd's contract): started with the container's stdout and stderr pipes as
/// descriptors 3 and 4 and a ready pipe as 5, CONTAINER_ID and CONTAINER_NAMESPACE as its only environment, and
/// awaited until it closes or writes to descriptor 5. It is stopped with SIGTERM, then SIGKILL after 12 seconds.
/// </summary>
internal sealed class LoggingBinary
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(12);
    private readonly ChildProcess _child;

    private LoggingBinary(ChildProcess child) => _child = child;

    public static LoggingBinary Start(Reaper reaper, string uri, string id, string @namespace, FileDescriptor stdout, FileDescriptor stderr)
    {
        var parsed = new Uri(uri);
        var arguments = new List<string>();
        foreach (string pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            arguments.Add(Uri.UnescapeDataString(parts[0]));
            if (parts.Length == 2)
            {
                arguments.Add(Uri.UnescapeDataString(parts[1]));
            }
        }

        var (readyRead, readyWrite) = FileDescriptor.Pipe();
        using (readyRead)
        {
            ChildProcess child;
            using (readyWrite)
            {
                child = reaper.Spawn(new SpawnRequest(Uri.UnescapeDataString(parsed.AbsolutePath), arguments)
                {
                    ExtraFiles = [stdout, stderr, readyWrite],
                    Environment = new Dictionary<string, string> { ["CONTAINER_ID"] = id, ["CONTAINER_NAMESPACE"] = @namespace },
                });
            }

            WaitReady(readyRead, uri);
            return new LoggingBinary(child);
        }
    }

    public async Task StopAsync()
    {
        if (_child.Exited.IsCompleted)
        {
            return;
        }

        Libc.Kill(_child.Pid, 15);
        if (await Task.WhenAny(_child.Exited, Task.Delay(StopTimeout)) != _child.Exited)
        {
            Libc.Kill(_child.Pid, 9);
            await _child.Exited;
        }
    }

    private static unsafe void WaitReady(FileDescriptor ready, string uri)
    {
        var fd = new Libc.PollFd { Fd = ready.Number, Events = Libc.PollIn };
        if (Libc.Poll(&fd, 1, (int)ReadyTimeout.TotalMilliseconds) <= 0)
        {
            throw new UnavailableException($"logging binary {uri} did not signal ready within {ReadyTimeout.TotalSeconds} s: it must write to or close descriptor 5");
        }

        byte b;
        if (Libc.Read(ready.Number, &b, 1) < 0)
        {
            throw new InternalException($"reading the ready pipe of logging binary {uri}: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
