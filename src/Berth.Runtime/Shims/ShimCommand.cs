using System.Diagnostics;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Ttrpc.Tasks;
using Containerd.Task.V2;

namespace Berth.Runtime.Shims;

/// <summary>
/// The two things a daemon asks a shim binary directly, outside its socket: <c>start</c> (it starts the long-lived shim,
/// which detaches, and prints the socket address) and <c>delete</c> (it cleans up after a shim that died and prints the
/// task's exit as a <c>DeleteResponse</c>).
/// </summary>
public static class ShimCommand
{
    /// <summary>Starts the shim of a task; returns its ttrpc address. <paramref name="options"/> is the packed runtime options.</summary>
    public static async Task<string> StartAsync(ShimInvocation shim, ReadOnlyMemory<byte> options, CancellationToken cancellationToken)
    {
        var (exit, stdout, stderr) = await RunAsync(shim, options, shim.Arguments("start"), cancellationToken, serveInPlace: true);
        string output = System.Text.Encoding.UTF8.GetString(stdout).Trim();
        if (exit != 0 || output.Length == 0)
        {
            throw new UnavailableException(
                $"shim {shim.Binary} did not start for task {shim.Id} (exit {exit}): {Describe(stderr, output)}");
        }

        return ParseAddress(output);
    }

    /// <summary>Has the shim binary clean up the task of a shim that is gone; returns how the task ended.</summary>
    public static async Task<DeleteResponse> DeleteAsync(ShimInvocation shim, CancellationToken cancellationToken)
    {
        var (exit, stdout, stderr) = await RunAsync(shim, ReadOnlyMemory<byte>.Empty,
            shim.Arguments("-bundle", shim.BundlePath, "delete"), cancellationToken);
        if (exit != 0)
        {
            throw new UnavailableException(
                $"shim {shim.Binary} could not clean up task {shim.Id} (exit {exit}): {Describe(stderr, string.Empty)}");
        }

        return DeleteResponse.Parser.ParseFrom(stdout);
    }

    /// <summary>containerd 1.x shims print the address; 2.x ones a JSON object with it.</summary>
    internal static string ParseAddress(string output)
    {
        if (!output.StartsWith('{'))
        {
            return output;
        }

        using var json = JsonDocument.Parse(output);
        return json.RootElement.TryGetProperty("address", out var address) && address.GetString() is { Length: > 0 } text
            ? text
            : throw new UnavailableException($"shim printed no address: {output}");
    }

    private static async Task<(int Exit, byte[] Stdout, string Stderr)> RunAsync(ShimInvocation shim, ReadOnlyMemory<byte> stdin,
        IReadOnlyList<string> arguments, CancellationToken cancellationToken, bool serveInPlace = false)
    {
        var startInfo = new ProcessStartInfo(shim.Binary)
        {
            WorkingDirectory = shim.BundlePath,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["TTRPC_ADDRESS"] = shim.TtrpcAddress;
        startInfo.Environment["GOMAXPROCS"] = "2";
        if (serveInPlace)
        {
            startInfo.Environment[ShimStartMode.ServeInPlaceVariable] = "1";
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new NotFoundException($"shim binary {shim.Binary} cannot be run ({ex.Message}): install it or set the runtime's binary in the config", ex);
        }

        using (process)
        {
            var stdout = new MemoryStream();
            var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
            var readErr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException) when (serveInPlace)
            {
                // berth-shim reads no options at start and may have replaced its stdin already.
            }

            await Task.WhenAll(copyOut, readErr);
            if (serveInPlace && stdout.Length > 0 && !process.HasExited)
            {
                // berth-shim printed its address and serves on in this process; .NET reaps it when it ends.
                return (0, stdout.ToArray(), await readErr);
            }

            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, stdout.ToArray(), await readErr);
        }
    }

    private static string Describe(string stderr, string stdout)
    {
        string text = (stderr.Trim() + " " + stdout).Trim();
        return text.Length == 0 ? "it printed nothing" : text;
    }
}
