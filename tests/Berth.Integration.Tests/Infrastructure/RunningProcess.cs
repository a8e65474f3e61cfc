using System.Collections.Concurrent;
using System.Diagnostics;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>A command left running (a `berth pull` to interrupt, say), its output lines collected as they come.</summary>
public sealed class RunningProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private RunningProcess(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Collect(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public IReadOnlyList<string> StdoutLines => [.. _stdout];

    /// <summary>`berth --address &lt;daemon&gt; …`.</summary>
    public static RunningProcess StartBerth(BerthDaemon daemon, params string[] arguments)
        => new(BerthBinaries.Cli, ["--address", daemon.Address, .. arguments]);

    /// <summary>Waits until a line of stdout matches, failing with what it printed if none does in time.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_stdout.Any(match))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no such line; it printed: {string.Join('\n', _stdout)} {string.Join('\n', _stderr)}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL, by its pid.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async Task<ProcessResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return new ProcessResult(_process.ExitCode, string.Join('\n', _stdout) + "\n", string.Join('\n', _stderr));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static void Collect(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
