namespace Berth.Integration.Tests.Infrastructure;

/// <summary>What a task leaves on the host, looked up directly rather than through berthd: its shim processes and mounts.</summary>
public static class HostTraces
{
    /// <summary>
    /// The pids of the shims serving a task: processes whose command line has <c>-namespace &lt;ns&gt;</c> and
    /// <c>-id &lt;id&gt;</c> (containerd's shim command line, which berth-shim and containerd-shim-runc-v2 both keep
    /// when they serve), not the short-lived <c>delete</c> invocations. A <c>start</c> counts: berth-shim started by
    /// berthd serves in its <c>start</c> process (a spawning <c>start</c> lives only milliseconds).
    /// </summary>
    public static List<int> ShimPids(string ns, string id)
    {
        var pids = new List<int>();
        foreach (string folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out int pid) || ReadArguments(folder) is not { Length: > 0 } arguments)
            {
                continue;
            }

            if (Follows(arguments, "-namespace", ns) && Follows(arguments, "-id", id) && arguments[^1] != "delete")
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    /// <summary>The path of a shim's socket, from the <c>unix://</c> address it wrote into the bundle.</summary>
    public static string ShimSocket(string bundle)
    {
        string address = File.ReadAllText(Path.Join(bundle, "address")).Trim();
        return address.StartsWith("unix://", StringComparison.Ordinal) ? address["unix://".Length..] : address;
    }

    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>Waits until none of the pids is alive; returns those still alive at the deadline.</summary>
    public static async Task<List<int>> WaitGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<int> alive;
        while ((alive = [.. pids.Where(IsRunning)]).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return alive;
    }

    /// <summary>The lines of this mount namespace's mountinfo that mention <paramref name="text"/> (a bundle path, a namespace).</summary>
    public static List<string> MountsMentioning(string text)
        => [.. File.ReadAllLines("/proc/self/mountinfo").Where(line => line.Contains(text, StringComparison.Ordinal))];

    private static string[]? ReadArguments(string procFolder)
    {
        try
        {
            return File.ReadAllText(Path.Join(procFolder, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Follows(string[] arguments, string flag, string value)
    {
        for (int i = 0; i + 1 < arguments.Length; i++)
        {
            if (arguments[i] == flag && arguments[i + 1] == value)
            {
                return true;
            }
        }

        return false;
    }
}
