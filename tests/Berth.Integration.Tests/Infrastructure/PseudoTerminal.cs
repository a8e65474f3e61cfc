using System.Diagnostics;
using System.Text;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// A pseudo-terminal the test owns: the master end here, the other end the controlling terminal (and stdin, stdout,
/// stderr) of one program started in a session of its own, so the program sees a real tty whose size the test sets.
/// What the program writes is collected as text, escape sequences and all.
/// </summary>
public sealed partial class PseudoTerminal : IAsyncDisposable
{
    private readonly int _master;
    private readonly StringBuilder _output = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private Process? _process;
    private volatile bool _hungUp;

    private PseudoTerminal(int master, string slavePath)
    {
        _master = master;
        SlavePath = slavePath;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The terminal's other end, <c>/dev/pts/N</c>.</summary>
    public string SlavePath { get; }

    /// <summary>All the program has written so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static PseudoTerminal Open(ushort rows, ushort columns)
    {
        int master = Native.OpenPt(OReadWrite | ONoCtty | ONonBlock | OCloexec);
        if (master < 0)
        {
            throw Failure("posix_openpt");
        }

        int number = 0;
        int unlocked = 0;
        if (Native.Ioctl(master, TiocSetPtyLock, ref unlocked) != 0 || Native.Ioctl(master, TiocGetPtyNumber, ref number) != 0)
        {
            var failure = Failure("unlock the pty");
            _ = Native.Close(master);
            throw failure;
        }

        var terminal = new PseudoTerminal(master, $"/dev/pts/{number}");
        terminal.SetSize(rows, columns);
        return terminal;
    }

    /// <summary>Starts a program on the terminal (util-linux setsid --ctty: a new session whose controlling tty it is).</summary>
    public Process Start(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec setsid --ctty \"$0\" \"$@\" <>\"$BERTH_TEST_PTS\" >&0 2>&0");
        info.ArgumentList.Add(fileName);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["BERTH_TEST_PTS"] = SlavePath;
        _process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}");
        return _process;
    }

    /// <summary>Types text, as a user at the terminal would.</summary>
    public void Write(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        if (Native.Write(_master, bytes, (nuint)bytes.Length) != bytes.Length)
        {
            throw Failure($"write {bytes.Length} bytes to the pty");
        }
    }

    /// <summary>Resizes the terminal, as a terminal emulator does: TIOCSWINSZ, then SIGWINCH to the program.</summary>
    public void Resize(ushort rows, ushort columns)
    {
        SetSize(rows, columns);
        if (_process is { HasExited: false } process && Native.Kill(process.Id, SigWinch) != 0)
        {
            throw Failure($"SIGWINCH to {process.Id}");
        }
    }

    /// <summary>Waits until the output after <paramref name="from"/> matches; fails with the whole output if it does not in time.</summary>
    public async Task WaitForAsync(Func<string, bool> match, TimeSpan timeout, int from = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string output = Output;
            if (match(output[Math.Min(from, output.Length)..]))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the terminal never showed what was expected; it showed:\n{Escaped(output)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the program to exit and its last output to be read; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("no program was started on the terminal");
        using (var cts = new CancellationTokenSource(timeout))
        {
            await process.WaitForExitAsync(cts.Token);
        }

        for (int i = 0; i < 250 && !_hungUp; i++)
        {
            await Task.Delay(20);
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        await _stop.CancelAsync();
        await _pump;
        _process?.Dispose();
        _ = Native.Close(_master);
        _stop.Dispose();
    }

    /// <summary>Terminal output with its control characters made visible, for failure messages.</summary>
    public static string Escaped(string output) => string.Concat(output.Select(c => c switch
    {
        '\n' => "\\n\n",
        '\r' => "\\r",
        < ' ' => $"\\x{(int)c:x2}",
        _ => c.ToString(),
    }));

    private void SetSize(ushort rows, ushort columns)
    {
        var size = new WindowSize { Rows = rows, Columns = columns };
        if (Native.Ioctl(_master, TiocSetWindowSize, ref size) != 0)
        {
            throw Failure($"resize the pty to {rows}x{columns}");
        }
    }

    // The master is non-blocking: read what there is, else look again shortly. EIO means no one holds the other end.
    private async Task PumpAsync()
    {
        byte[] buffer = new byte[4096];
        char[] chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        while (!_stop.IsCancellationRequested)
        {
            nint read = Native.Read(_master, buffer, (nuint)buffer.Length);
            if (read > 0)
            {
                int count = _decoder.GetChars(buffer, 0, (int)read, chars, 0);
                lock (_output)
                {
                    _output.Append(chars, 0, count);
                }

                continue;
            }

            int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
            _hungUp = read < 0 && errno == EIo && _process is { HasExited: true };
            if (read < 0 && errno != EAgain && errno != EIo)
            {
                throw Failure("read the pty");
            }

            await Task.Delay(10);
        }
    }
}
