using System.Diagnostics;
using System.Runtime.Versioning;
using Berth.Linux;

namespace Berth.Storage.Tests.Diff;

/// <summary>Test helpers that change trees the way a container would.</summary>
[SupportedOSPlatform("linux")]
internal static class TreeTools
{
    /// <summary><c>cp -a</c>: a full copy keeping owners, modes, times, xattrs and hard links (what a native snapshot is).</summary>
    public static void CopyTree(string from, string to)
    {
        using var copy = Process.Start(new ProcessStartInfo("cp", ["-a", "--", $"{from}/.", to]) { RedirectStandardError = true })!;
        string error = copy.StandardError.ReadToEnd();
        copy.WaitForExit();
        Assert.True(copy.ExitCode == 0, $"cp -a {from} {to}: {error}");
    }

    /// <summary>Drops the sub-second part of every mtime under <paramref name="root"/> (a layer keeps whole seconds).</summary>
    public static void WholeSecondTimes(string root)
    {
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).OrderByDescending(p => p.Length).Append(root))
        {
            var status = LinuxSyscalls.Instance.Lstat(path)!;
            long ticks = status.ModifiedAt.UtcTicks;
            if (ticks % TimeSpan.TicksPerSecond != 0)
            {
                var whole = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                LinuxSyscalls.Instance.SetTimes(path, whole, whole);
            }
        }
    }

    public static void Write(string path, string content, DateTimeOffset? time = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (time is { } t)
        {
            LinuxSyscalls.Instance.SetTimes(path, t, t);
        }
    }
}
