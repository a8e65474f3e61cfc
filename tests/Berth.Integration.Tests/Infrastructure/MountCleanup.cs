namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Unmounts whatever a test's daemon left mounted under its folder, deepest first.</summary>
public static class MountCleanup
{
    public static void UnmountUnder(string folder)
    {
        var mounts = File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(target => target.StartsWith(folder + "/", StringComparison.Ordinal))
            .OrderByDescending(target => target.Length);
        foreach (string target in mounts)
        {
            Linux.LinuxSyscalls.Instance.Unmount(target, Linux.UnmountFlags.Detach);
        }
    }
}
