namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Steps the task tests share: pulling into a test's namespace, checked ctr runs, waiting for a status, cleaning up.</summary>
public static class CtrTasks
{
    public static async Task<string> PullAsync(BerthDaemon daemon, string image, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string ns = Names.Namespace(test);
        await Ok(Ctr.RunAsync(daemon, ns, "images", "pull", "--plain-http", image));
        return ns;
    }

    public static async Task<ProcessResult> Ok(Task<ProcessResult> run, int exitCode = 0)
    {
        var result = await run;
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return result;
    }

    public static async Task WaitForStatusAsync(BerthDaemon daemon, string ns, string id, string status)
    {
        for (int i = 0; i < 100; i++)
        {
            if ((await Ctr.RunAsync(daemon, ns, "tasks", "ls")).Stdout.Split('\n')
                .Any(l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(status, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"task {id} never became {status}");
    }

    public static string PidOf(string tasksLs, string id)
        => tasksLs.Split('\n').Single(l => l.StartsWith(id + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>After a test, whatever it passed or failed: the task killed and deleted, then the container (errors ignored).</summary>
    public static async Task RemoveAsync(BerthDaemon daemon, string ns, string id)
    {
        await Ctr.RunAsync(daemon, ns, "tasks", "rm", "-f", id);
        await Ctr.RunAsync(daemon, ns, "containers", "rm", id);
    }

    // ctr's cgroupsPath is /<namespace>/<id>: the runtime removes the container's folder, berthd the namespace's.
    public static List<string> CgroupFoldersOf(string ns)
        => [.. Linux.Cgroups.CgroupSystem.Load().Mounts.Select(m => m.DirectoryOf("/" + ns)).Where(Directory.Exists)];
}
