using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Tasks;

/// <summary>
/// Debian's containerd (private root, state and socket) runs containers through berth-shim: found by runtime name
/// (<c>io.containerd.berth.v2</c> → <c>containerd-shim-berth-v2</c> in containerd's PATH, a link to berth-shim) or by
/// absolute path, as containerd 1.6 allows.
/// </summary>
public sealed partial class ContainerdRunsBerthShimTests(EngineFixture engine) : IAsyncLifetime
{
    private const string Runtime = "io.containerd.berth.v2";

    private TempDirectory? _shims;
    private ContainerdDaemon? _containerd;

    private ContainerdDaemon Containerd => _containerd!;

    public async ValueTask InitializeAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            _shims = new TempDirectory("shims");
            File.CreateSymbolicLink(_shims.Combine("containerd-shim-berth-v2"), BerthBinaries.Shim);
            _containerd = await ContainerdDaemon.StartAsync(_shims.Path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_containerd is not null)
        {
            await _containerd.DisposeAsync();
        }

        _shims?.Dispose();
    }

    [Fact]
    public async Task RunRm_BerthRuntimeByName_PrintsTheOutputAndExitsWithTheCommandsCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        try
        {
            var hi = await Containerd.CtrAsync(ns, "run", "--rm", "--runtime", Runtime, engine.BusyboxRef, "x", "echo", "hi");
            var three = await Containerd.CtrAsync(ns, "run", "--rm", "--runtime", Runtime, engine.BusyboxRef, "three", "sh", "-c", "exit 3");

            Assert.True(hi.ExitCode == 0, $"{hi}\n{Containerd.Log}");
            Assert.Equal("hi", hi.Stdout.Trim());
            Assert.True(three.ExitCode == 3, three.ToString());
            await AssertNothingLeftAsync(ns, "x");
            await AssertNothingLeftAsync(ns, "three");
        }
        finally
        {
            RemoveNamespaceCgroups(ns);
        }
    }

    [Fact]
    public async Task RunRm_BerthShimByAbsolutePath_PrintsHi()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        try
        {
            var hi = await Containerd.CtrAsync(ns, "run", "--rm", "--runtime", BerthBinaries.Shim, engine.BusyboxRef, "abs", "echo", "hi");

            Assert.True(hi.ExitCode == 0, $"{hi}\n{Containerd.Log}");
            Assert.Equal("hi", hi.Stdout.Trim());
            await AssertNothingLeftAsync(ns, "abs");
        }
        finally
        {
            RemoveNamespaceCgroups(ns);
        }
    }

    [Fact]
    public async Task Detached_ExecKillAndRemove_LeaveNoBundleShimOrCgroup()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        try
        {
            await CrunTasks.Ok(Containerd.CtrAsync(ns, "run", "-d", "--runtime", Runtime, engine.BusyboxRef, "bg", "sleep", "300"));

            var tasks = await CrunTasks.Ok(Containerd.CtrAsync(ns, "tasks", "ls"));
            Assert.Matches(@"(?m)^bg\s+\d+\s+RUNNING\s*$", tasks.Stdout);
            Assert.Single(ShimProcesses(ns));
            Assert.Contains(Runtime, (await CrunTasks.Ok(Containerd.CtrAsync(ns, "containers", "info", "bg"))).Stdout, StringComparison.Ordinal);
            var exec = await CrunTasks.Ok(Containerd.CtrAsync(ns, "tasks", "exec", "--exec-id", "x1", "bg", "sh", "-c", "echo from-exec; exit 4"), exitCode: 4);
            Assert.Equal("from-exec", exec.Stdout.Trim());

            await CrunTasks.Ok(Containerd.CtrAsync(ns, "tasks", "kill", "-s", "SIGKILL", "bg"));
            await CrunTasks.WaitForStatusAsync(arguments => Containerd.CtrAsync(ns, arguments), "bg", "STOPPED");
            await CrunTasks.Ok(Containerd.CtrAsync(ns, "tasks", "rm", "bg"));
            await CrunTasks.Ok(Containerd.CtrAsync(ns, "containers", "rm", "bg"));

            Assert.Empty((await Containerd.CtrAsync(ns, "tasks", "ls", "-q")).Stdout.Trim());
            await AssertNothingLeftAsync(ns, "bg");
        }
        finally
        {
            RemoveNamespaceCgroups(ns);
        }
    }

    private async Task<string> PullAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        string ns = Names.Namespace(test);
        await CrunTasks.Ok(Containerd.CtrAsync(ns, "images", "pull", "--plain-http", engine.BusyboxRef));
        return ns;
    }

    // The shim exits a moment after containerd's Shutdown; runc removes the container's cgroup, containerd the bundle.
    private async Task AssertNothingLeftAsync(string ns, string id)
    {
        for (int i = 0; i < 50 && ShimProcesses(ns).Count > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Empty(ShimProcesses(ns));
        Assert.False(Directory.Exists(Path.Join(Containerd.State, "io.containerd.runtime.v2.task", ns, id)), "containerd removes the bundle");
        Assert.Empty(CrunTasks.CgroupFoldersOf(ns, id));
    }

    // berth-shim processes serving this namespace (the serving shim's command line names it).
    private static List<int> ShimProcesses(string ns)
    {
        var found = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string[] args = File.ReadAllText(Path.Join(dir, "cmdline")).Split('\0');
                if (args.Length > 0 && Path.GetFileName(args[0]) is "berth-shim" or "containerd-shim-berth-v2" or "Berth.Shim" && args.Contains(ns))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // exited meanwhile
            }
        }

        return found;
    }

    // Neither containerd nor runc removes the parent /<namespace> of ctr's cgroupsPath /<namespace>/<id>.
    private static void RemoveNamespaceCgroups(string ns)
    {
        foreach (string folder in CrunTasks.CgroupFoldersOf(ns))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                // still holds a cgroup (a failed test's container): left for the next boot
            }
        }
    }
}
