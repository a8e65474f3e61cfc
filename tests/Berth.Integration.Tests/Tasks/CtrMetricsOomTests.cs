using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;
using Berth.Linux.Cgroups;

namespace Berth.Integration.Tests.Tasks;

/// <summary>The same metrics and OOM kills through Debian's containerd-shim-runc-v2.</summary>
public sealed class CtrMetricsOomWithRuncShimTests(EngineFixture engine) : CtrMetricsOomTests(engine, "/usr/bin/containerd-shim-runc-v2");

/// <summary>The same metrics and OOM kills through berth-shim.</summary>
public sealed class CtrMetricsOomWithBerthShimTests(EngineFixture engine) : CtrMetricsOomTests(engine, BerthBinaries.Shim);

/// <summary>
/// `ctr tasks metrics` decodes the shim's cgroup figures forwarded by berthd's Tasks service, and an OOM kill reaches
/// `ctr events` as /tasks/oom from the shim, next to the /tasks/exit of the killed task.
/// </summary>
public abstract partial class CtrMetricsOomTests(EngineFixture engine, string shim) : PrivateDaemonTest(shim)
{
    [Fact]
    public async Task Metrics_RunningTask_PrintsTheCgroupTableAndJson()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        bool v1 = CgroupSystem.Load().Version == CgroupVersion.V1;
        try
        {
            await Ok(Ctr(ns, "run", "-d", engine.BusyboxRef, "m", "sleep", "300"));

            string table = (await Ok(Ctr(ns, "tasks", "metrics", "m"))).Stdout;
            string json = (await Ok(Ctr(ns, "tasks", "metrics", "--format", "json", "m"))).Stdout;

            Assert.Matches(@"(?m)^ID\s+TIMESTAMP\s*$", table);
            Assert.Matches(@"(?m)^m\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", table);
            Assert.Matches(@"(?m)^METRIC\s+VALUE\s*$", table);
            Assert.True(Metric(table, v1 ? "memory.usage_in_bytes" : "memory.usage") > 0, table);
            Assert.True(Metric(table, "pids.current") >= 1, table);
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            Assert.True(root.GetProperty("pids").GetProperty("current").GetUInt64() >= 1, json);
            var memory = root.GetProperty("memory");
            Assert.True((v1 ? memory.GetProperty("usage").GetProperty("usage") : memory.GetProperty("usage")).GetUInt64() > 0, json);

            await Ok(Ctr(ns, "tasks", "kill", "-s", "SIGKILL", "m"));
            await WaitForStatusAsync(ns, "m", "STOPPED");
            await Ok(Ctr(ns, "tasks", "rm", "m"));
            await Ok(Ctr(ns, "containers", "rm", "m"));
            Assert.Empty((await Ctr(ns, "tasks", "ls", "-q")).Stdout.Trim());
            Assert.Empty(CgroupFoldersOf(ns));
        }
        finally
        {
            await RemoveLeftoverAsync(ns, "m");
        }
    }

    [Fact]
    public async Task Run_MemoryHogOverItsLimit_IsOomKilledAndEventsShowOomAndExit137()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        using var events = new EventStream(Daemon);
        try
        {
            await events.WaitUntilSubscribedAsync(Daemon);

            // dd's 64 MiB block cannot fit in 16 MiB, and this host has no swap to push it to.
            var hog = await Ctr(ns, "run", "--rm", "--memory-limit", "16777216", engine.BusyboxRef, "hog", "/bin/busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1");

            Assert.True(hog.ExitCode == 137, hog.ToString());
            string oom = await events.WaitForAsync(l => l.Contains("/tasks/oom", StringComparison.Ordinal) && l.Contains(ns, StringComparison.Ordinal));
            Assert.Contains("\"container_id\":\"hog\"", oom, StringComparison.Ordinal);
            string exit = await events.WaitForAsync(l => l.Contains("/tasks/exit", StringComparison.Ordinal) && l.Contains(ns, StringComparison.Ordinal));
            Assert.Contains("\"container_id\":\"hog\"", exit, StringComparison.Ordinal);
            Assert.Contains("\"exit_status\":137", exit, StringComparison.Ordinal);
            Assert.Empty((await Ctr(ns, "containers", "ls", "-q")).Stdout.Trim());
            Assert.Empty(CgroupFoldersOf(ns));
        }
        finally
        {
            await RemoveLeftoverAsync(ns, "hog");
        }
    }

    [Fact]
    public async Task Metrics_StoppedOrNoTask_StoppedReadsItsEmptiedCgroupAndNoTaskIsNotFound()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        try
        {
            await Ok(Ctr(ns, "run", "-d", engine.BusyboxRef, "s", "true"));
            await WaitForStatusAsync(ns, "s", "STOPPED");
            await Ok(Ctr(ns, "containers", "create", engine.BusyboxRef, "c", "sleep", "30"));

            // containerd's runc shim reads the cgroup until the task is deleted: empty, but there.
            string stopped = (await Ok(Ctr(ns, "tasks", "metrics", "s"))).Stdout;
            var noTask = await Ctr(ns, "tasks", "metrics", "c");
            await Ok(Ctr(ns, "tasks", "rm", "s"));
            var deleted = await Ctr(ns, "tasks", "metrics", "s");

            Assert.Equal(0ul, Metric(stopped, "pids.current"));
            Assert.True(noTask.ExitCode == 1 && noTask.Stderr.Contains("not found", StringComparison.Ordinal), noTask.ToString());
            Assert.True(deleted.ExitCode == 1 && deleted.Stderr.Contains("not found", StringComparison.Ordinal), deleted.ToString());
            await Ok(Ctr(ns, "containers", "rm", "s", "c"));
            Assert.Empty(CgroupFoldersOf(ns));
        }
        finally
        {
            await RemoveLeftoverAsync(ns, "s");
            await RemoveLeftoverAsync(ns, "c");
        }
    }

    private Task<ProcessResult> Ctr(string ns, params string[] arguments) => Infrastructure.Ctr.RunAsync(Daemon, ns, arguments);

    private async Task<string> PullAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string ns = Names.Namespace(test);
        await Ok(Ctr(ns, "images", "pull", "--plain-http", engine.BusyboxRef));
        return ns;
    }

    private async Task WaitForStatusAsync(string ns, string id, string status)
    {
        for (int i = 0; i < 100; i++)
        {
            if ((await Ctr(ns, "tasks", "ls")).Stdout.Split('\n').Any(l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(status, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"task {id} never became {status}");
    }

    // A failed assertion must not leave a container running under the test's daemon.
    private async Task RemoveLeftoverAsync(string ns, string id)
    {
        if ((await Ctr(ns, "containers", "ls", "-q")).Stdout.Split('\n').Contains(id))
        {
            await Ctr(ns, "tasks", "kill", "-s", "SIGKILL", id);
            await Ctr(ns, "tasks", "rm", "-f", id);
            await Ctr(ns, "containers", "rm", id);
        }
    }

    private static ulong Metric(string table, string name)
    {
        var match = Regex.Match(table, $@"(?m)^{Regex.Escape(name)}\s+(\d+)\s*$");
        Assert.True(match.Success, $"no {name} row in:\n{table}");
        return ulong.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    // ctr's cgroupsPath is /<namespace>/<id>: the runtime removes the container's folder, berthd the namespace's.
    private static List<string> CgroupFoldersOf(string ns)
        => [.. CgroupSystem.Load().Mounts.Select(m => m.DirectoryOf("/" + ns)).Where(Directory.Exists)];

    private static async Task<ProcessResult> Ok(Task<ProcessResult> run, int exitCode = 0)
    {
        var result = await run;
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return result;
    }
}
