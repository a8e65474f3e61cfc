using System.Diagnostics;

namespace Berth.Ttrpc.Tests.Interop;

/// <summary>Finds the shims a test started by their unique id on the command line, and kills them by pid.</summary>
internal static class ShimProcesses
{
    public static IEnumerable<int> Find(string id)
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }

            int at = Array.IndexOf(args, "-id");
            if (at >= 0 && at + 1 < args.Length && args[at + 1] == id && args[0].EndsWith("containerd-shim-runc-v2", StringComparison.Ordinal))
            {
                yield return pid;
            }
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Gone already.
        }
    }
}
