using System.Text.Json.Nodes;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Tasks;

/// <summary>What the crun and containerd task tests share: pulls, waits, a busybox spec for <c>ctr run --config</c>, cgroup checks.</summary>
internal static class CrunTasks
{
    public static async Task<string> PullAsync(BerthDaemon daemon, EngineFixture engine, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string ns = Names.Namespace(test);
        await Ok(Infrastructure.Ctr.RunAsync(daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef));
        return ns;
    }

    public static async Task WaitForStatusAsync(BerthDaemon daemon, string ns, string id, string status)
        => await WaitForStatusAsync(arguments => Infrastructure.Ctr.RunAsync(daemon, ns, arguments), id, status);

    public static async Task WaitForStatusAsync(Func<string[], Task<ProcessResult>> ctr, string id, string status)
    {
        for (int i = 0; i < 100; i++)
        {
            if ((await ctr(["tasks", "ls"])).Stdout.Split('\n').Any(l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(status, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"task {id} never became {status}");
    }

    /// <summary>The cgroup folders of a namespace (ctr's cgroupsPath is /&lt;namespace&gt;/&lt;id&gt;) in every hierarchy.</summary>
    public static List<string> CgroupFoldersOf(string ns, string id = "")
        => [.. Linux.Cgroups.CgroupSystem.Load().Mounts.Select(m => m.DirectoryOf(id.Length == 0 ? "/" + ns : $"/{ns}/{id}")).Where(Directory.Exists)];

    /// <summary>
    /// ctr's default spec (<c>ctr oci spec</c>) running <paramref name="script"/> with busybox-static in a rootfs under
    /// <paramref name="dir"/>, with a pids limit: ctr run has no flag for one, but takes a whole spec with --config.
    /// </summary>
    public static async Task<string> WriteBusyboxSpecAsync(TempDirectory dir, string ns, string id, string script, long pidsLimit)
    {
        string rootfs = dir.Combine("rootfs");
        Directory.CreateDirectory(Path.Join(rootfs, "bin"));
        File.Copy("/bin/busybox", Path.Join(rootfs, "bin", "busybox"));
        foreach (string applet in new[] { "sh", "sleep", "echo" })
        {
            File.CreateSymbolicLink(Path.Join(rootfs, "bin", applet), "busybox");
        }

        var defaults = await Ok(ProcessRunner.RunAsync(Infrastructure.Ctr.Path, ["oci", "spec"]));
        var spec = JsonNode.Parse(defaults.Stdout)!.AsObject();
        spec["root"] = new JsonObject { ["path"] = rootfs, ["readonly"] = false };
        spec["process"]!["args"] = new JsonArray("sh", "-c", script);
        spec["process"]!["terminal"] = false;
        spec["process"]!["env"] = new JsonArray("PATH=/bin");
        var linux = spec["linux"]!.AsObject();
        linux["cgroupsPath"] = $"/{ns}/{id}";
        var resources = linux["resources"] as JsonObject ?? [];
        resources["pids"] = new JsonObject { ["limit"] = pidsLimit };
        linux["resources"] = resources;
        string path = dir.Combine("config.json");
        await File.WriteAllTextAsync(path, spec.ToJsonString());
        return path;
    }

    public static async Task<ProcessResult> Ok(Task<ProcessResult> run, int exitCode = 0)
    {
        var result = await run;
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return result;
    }
}
