using System.Text.Json;
using Berth.Core.Errors;

namespace Berth.Shim.Processes;

/// <summary>
/// One container of the shim: its init process and its exec processes by id. An exec id is reserved while its
/// Exec call runs, so two calls with one id cannot both succeed.
/// </summary>
internal sealed class Container(InitProcess init, string? rootfs)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ExecProcess> _execs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);

    public string Id => init.Id;

    public string Bundle => init.Bundle;

    public InitProcess Init => init;

    /// <summary>Where the shim mounted the rootfs it was given; null when the bundle brought its own.</summary>
    public string? MountedRootfs => rootfs;

    /// <summary>The init process for an empty id, else the exec; NotFound otherwise.</summary>
    public ShimProcess Process(string execId)
    {
        if (execId.Length == 0)
        {
            return init;
        }

        lock (_lock)
        {
            return _execs.TryGetValue(execId, out var exec)
                ? exec
                : throw new NotFoundException($"process {execId} does not exist in container {Id}");
        }
    }

    public IReadOnlyList<ExecProcess> Execs()
    {
        lock (_lock)
        {
            return [.. _execs.Values];
        }
    }

    public bool TryReserve(string execId)
    {
        lock (_lock)
        {
            return !_execs.ContainsKey(execId) && _reserved.Add(execId);
        }
    }

    public void Unreserve(string execId)
    {
        lock (_lock)
        {
            _reserved.Remove(execId);
        }
    }

    public void Add(ExecProcess exec)
    {
        lock (_lock)
        {
            _reserved.Remove(exec.Id);
            _execs[exec.Id] = exec;
        }
    }

    public void Remove(string execId)
    {
        lock (_lock)
        {
            _execs.Remove(execId);
        }
    }

    /// <summary>
    /// Whether the init's exit must take the other processes with it: when the container shares a pid namespace,
    /// the kernel does not kill them (containerd's ShouldKillAllOnExit). True when the spec cannot be read.
    /// </summary>
    public static bool ShouldKillAllOnExit(string bundle)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(bundle, "config.json")));
            if (document.RootElement.TryGetProperty("linux", out var linux) && linux.TryGetProperty("namespaces", out var namespaces))
            {
                foreach (var ns in namespaces.EnumerateArray())
                {
                    bool isPid = ns.TryGetProperty("type", out var type) && type.GetString() == "pid";
                    bool hasPath = ns.TryGetProperty("path", out var path) && path.GetString() is { Length: > 0 };
                    if (isPid && !hasPath)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            return true;
        }
    }
}
