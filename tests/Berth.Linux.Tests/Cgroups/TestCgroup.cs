using System.Diagnostics;
using System.Globalization;
using Berth.Linux.Cgroups;

namespace Berth.Linux.Tests.Cgroups;

/// <summary>A cgroup of the test's own (/berth-test-&lt;random&gt;) and the processes the test put in it; disposing kills
/// those processes by pid and removes the cgroup.</summary>
internal sealed class TestCgroup : IDisposable
{
    private readonly List<Process> _processes = [];

    private TestCgroup(Cgroup cgroup)
    {
        Cgroup = cgroup;
    }

    public Cgroup Cgroup { get; }

    public static string UniquePath() => "/berth-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A cgroup where the host keeps its controllers (v1 hierarchies on legacy and hybrid hosts, v2 on unified).</summary>
    public static TestCgroup Create(CgroupSystem system) => new(system.Create(UniquePath()));

    /// <summary>A cgroup of the v2 hierarchy whatever the layout (on a hybrid host: /sys/fs/cgroup/unified, without controllers).</summary>
    public static TestCgroup CreateUnified(CgroupSystem system)
    {
        string path = UniquePath();
        var cgroup = new CgroupV2(path, system.UnifiedMount!.DirectoryOf(path));
        Directory.CreateDirectory(cgroup.DirectoryPath);
        return new TestCgroup(cgroup);
    }

    public void SetMemoryLimit(long bytes) => Write(
        Cgroup.MemoryDirectory!, Cgroup.Version == CgroupVersion.V1 ? "memory.limit_in_bytes" : "memory.max", bytes);

    public void SetPidsLimit(long pids) => Write(
        Cgroup is CgroupV1 v1 ? v1.ControllerDirectories["pids"] : ((CgroupV2)Cgroup).DirectoryPath, "pids.max", pids);

    /// <summary>Starts `sh -c script` held at a read of stdin, moves it into the cgroup, then lets it run: everything the script
    /// does is charged to the cgroup.</summary>
    public Process Run(string script)
    {
        var process = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "read go; " + script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _processes.Add(process);
        Cgroup.AddProcess(process.Id);
        process.StandardInput.WriteLine("go");
        process.StandardInput.Flush();
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        Cgroup.Delete();
    }

    private static void Write(string directory, string file, long value) =>
        File.WriteAllText(Path.Combine(directory, file), value.ToString(CultureInfo.InvariantCulture));
}
