using System.Text;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Shim.Interop;
using Berth.Shim.Reaping;
using Microsoft.Win32.SafeHandles;

namespace Berth.Shim.Runtime;

/// <summary>
/// Drives runc or crun through their command line (go-runc's contract): every command gets --root, --log and
/// --log-format json, and a failure's message is the last error the runtime logged during that command.
/// Commands are spawned through the <see cref="Reaper"/>, whose waitpid(-1) would race System.Diagnostics.Process.
/// </summary>
internal sealed partial class OciRuntime(OciRuntimeOptions options, Reaper reaper)
{
    private static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(1);

    public OciRuntimeOptions Options => options;

    private List<string> GlobalArguments()
    {
        List<string> arguments = ["--root", options.Root, "--log", options.LogPath, "--log-format", "json"];
        if (options.SystemdCgroup)
        {
            arguments.Add("--systemd-cgroup");
        }

        return arguments;
    }

    /// <summary>Runs one command; throws with the runtime's own message unless it exits 0. Returns its output when it was captured.</summary>
    private async Task<string> RunAsync(string verb, string id, IReadOnlyList<string> arguments, RuntimeIO? io = null,
        ReadOnlyMemory<byte> input = default, CancellationToken cancellationToken = default)
    {
        long logStart = File.Exists(options.LogPath) ? new FileInfo(options.LogPath).Length : 0;
        var request = new SpawnRequest(options.Binary, [.. GlobalArguments(), .. arguments]);
        FileDescriptor? inputRead = null;
        FileDescriptor? outputWrite = null;
        Task<string> output = Task.FromResult("");
        try
        {
            if (!input.IsEmpty)
            {
                (inputRead, var inputWrite) = FileDescriptor.Pipe();
                using (inputWrite)
                {
                    inputWrite.WriteAll(input.Span);
                }
            }

            if (io is null)
            {
                (var outputRead, outputWrite) = FileDescriptor.Pipe();
                output = ReadAllAsync(outputRead);
                request = request with { Stdin = inputRead, Stdout = outputWrite, Stderr = outputWrite };
            }
            else
            {
                request = request with { Stdin = io.Stdin ?? inputRead, Stdout = io.Stdout, Stderr = io.Stderr };
            }

            var child = reaper.Spawn(request);
            inputRead?.Dispose();
            outputWrite?.Dispose();
            var exit = await child.Exited.WaitAsync(cancellationToken);
            await Task.WhenAny(output, Task.Delay(OutputGrace, CancellationToken.None));
            string text = output.IsCompletedSuccessfully ? output.Result : "";
            if (exit.Status != 0)
            {
                string message = LastLoggedError(logStart) ?? (text.Trim() is { Length: > 0 } t ? t : $"exit status {exit.Status}");
                throw Failure(verb, id, message);
            }

            return text;
        }
        finally
        {
            inputRead?.Dispose();
            outputWrite?.Dispose();
        }
    }

    private static Task<string> ReadAllAsync(FileDescriptor read) => Task.Run(async () =>
    {
        using var handle = new SafeFileHandle(read.DangerousGetHandle(), ownsHandle: true);
        read.SetHandleAsInvalid();
        using var stream = new FileStream(handle, FileAccess.Read, 1, isAsync: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    });

    private static BerthException Failure(string verb, string id, string message)
    {
        string text = $"OCI runtime {verb} failed for {id}: {message}";
        return message.Contains("does not exist", StringComparison.Ordinal) || message.Contains("No such file or directory", StringComparison.Ordinal)
            ? new NotFoundException(text)
            : new InternalException(text);
    }

    // The runtime appends JSON lines ({"level":"error","msg":…}); only those written by this command count.
    private string? LastLoggedError(long start)
    {
        try
        {
            using var stream = new FileStream(options.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(Math.Min(start, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            string? last = null;
            for (string? line; (line = reader.ReadLine()) is not null;)
            {
                last = ErrorMessageOf(line) ?? last;
            }

            return last;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ErrorMessageOf(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("level", out var level) && level.GetString() == "error"
                && root.TryGetProperty("msg", out var msg) ? msg.GetString()?.Trim() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
