using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Ttrpc.Tests.Interop;

/// <summary>Runs Debian's containerd tools for the interop tests, and computes the paths they derive.</summary>
internal static class ExternalProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string file, IEnumerable<string> arguments,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in 30 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// The socket containerd 1.6's shims listen on and `ctr shim` dials (runtime/v2/shim SocketAddress): the sha256 of
    /// "&lt;grpc address&gt;/&lt;namespace&gt;/&lt;id&gt;" under /run/containerd/s.
    /// </summary>
    public static string ShimSocketPath(string grpcAddress, string @namespace, string id)
        => "/run/containerd/s/" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.Join(grpcAddress, @namespace, id))));

    /// <summary>Whether a process runs (a zombie counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        for (var deadline = DateTime.UtcNow + timeout; DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if (!IsAlive(pid))
            {
                return true;
            }
        }

        return !IsAlive(pid);
    }

    public static string Suffix() => Guid.NewGuid().ToString("N")[..10];
}
