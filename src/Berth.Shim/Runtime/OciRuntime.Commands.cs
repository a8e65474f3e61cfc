using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Shim.Runtime;

internal sealed partial class OciRuntime
{
    /// <summary><c>create --bundle B --pid-file P [--console-socket S] [--no-pivot] [--no-new-keyring] id</c>.</summary>
    public Task CreateAsync(string id, string bundle, string pidFile, RuntimeIO? io, string? consoleSocket, CancellationToken cancellationToken)
    {
        List<string> arguments = ["create", "--bundle", bundle, "--pid-file", pidFile];
        if (consoleSocket is not null)
        {
            arguments.AddRange(["--console-socket", consoleSocket]);
        }

        if (options.NoPivotRoot)
        {
            arguments.Add("--no-pivot");
        }

        if (options.NoNewKeyring)
        {
            arguments.Add("--no-new-keyring");
        }

        arguments.Add(id);
        return RunAsync("create", id, arguments, io, cancellationToken: cancellationToken);
    }

    public Task StartAsync(string id, CancellationToken cancellationToken) => RunAsync("start", id, ["start", id], cancellationToken: cancellationToken);

    /// <summary><c>exec --process F --detach --pid-file P [--console-socket S] id</c>, with the process spec written to F for the call.</summary>
    public async Task ExecAsync(string id, string processSpecFile, string pidFile, RuntimeIO? io, string? consoleSocket, CancellationToken cancellationToken)
    {
        List<string> arguments = ["exec", "--process", processSpecFile, "--detach", "--pid-file", pidFile];
        if (consoleSocket is not null)
        {
            arguments.AddRange(["--console-socket", consoleSocket]);
        }

        arguments.Add(id);
        await RunAsync("exec", id, arguments, io, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// <c>kill [--all] id signal</c>. As containerd reads the runtime's answer: a process that is gone is NotFound
    /// "process already finished", a container the runtime does not know is NotFound "no such container".
    /// </summary>
    public async Task KillAsync(string id, int signal, bool all, CancellationToken cancellationToken)
    {
        List<string> arguments = all ? ["kill", "--all", id, $"{signal}"] : ["kill", id, $"{signal}"];
        try
        {
            await RunAsync("kill", id, arguments, cancellationToken: cancellationToken);
        }
        catch (BerthException e) when (e.Message.Contains("not running", StringComparison.Ordinal)
            || e.Message.Contains("no such process", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("process already finished", StringComparison.Ordinal))
        {
            throw new NotFoundException($"kill {id}: process already finished", e);
        }
        catch (NotFoundException e)
        {
            throw new NotFoundException($"kill {id}: no such container: {e.Message}", e);
        }
    }

    public Task DeleteAsync(string id, bool force, CancellationToken cancellationToken)
        => RunAsync("delete", id, force ? ["delete", "--force", id] : ["delete", id], cancellationToken: cancellationToken);

    public Task PauseAsync(string id, CancellationToken cancellationToken) => RunAsync("pause", id, ["pause", id], cancellationToken: cancellationToken);

    public Task ResumeAsync(string id, CancellationToken cancellationToken) => RunAsync("resume", id, ["resume", id], cancellationToken: cancellationToken);

    /// <summary><c>update --resources - id</c>, the LinuxResources JSON on stdin.</summary>
    public Task UpdateAsync(string id, ReadOnlyMemory<byte> resourcesJson, CancellationToken cancellationToken)
        => RunAsync("update", id, ["update", "--resources", "-", id], input: resourcesJson, cancellationToken: cancellationToken);

    public async Task<RuntimeState> StateAsync(string id, CancellationToken cancellationToken)
    {
        string json = await RunAsync("state", id, ["state", id], cancellationToken: cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new RuntimeState(
                root.GetProperty("id").GetString() ?? id,
                root.TryGetProperty("pid", out var pid) ? pid.GetInt32() : 0,
                root.GetProperty("status").GetString() ?? "unknown",
                root.TryGetProperty("bundle", out var bundle) ? bundle.GetString() ?? "" : "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InternalException($"{options.Binary} state {id} answered something that is not its state JSON: {json}", e);
        }
    }

    /// <summary><c>ps --format json id</c>: the pids in the container's cgroup.</summary>
    public async Task<IReadOnlyList<int>> PsAsync(string id, CancellationToken cancellationToken)
    {
        string json = await RunAsync("ps", id, ["ps", "--format", "json", id], cancellationToken: cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Null
                ? []
                : [.. document.RootElement.EnumerateArray().Select(e => e.GetInt32())];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InternalException($"{options.Binary} ps {id} answered something that is not a JSON list of pids: {json}", e);
        }
    }
}
