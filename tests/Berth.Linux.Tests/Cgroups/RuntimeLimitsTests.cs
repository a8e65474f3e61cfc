using Berth.Linux.Cgroups;
using Berth.Testing;

namespace Berth.Linux.Tests.Cgroups;

/// <summary>The limits of an OCI spec, applied by runc and crun on this host, and seen through berth's cgroup code.</summary>
[Trait("Category", "Root")]
public sealed class RuntimeLimitsTests
{
    [Theory]
    [InlineData("runc")]
    [InlineData("crun")]
    public async Task MemoryLimit_HogInAContainer_IsOomKilledAndTheMonitorSeesIt(string runtime)
    {
        var system = HostOrSkip(runtime);
        using var crunFix = CrunFix.Apply(system, runtime);
        using var bundle = RuntimeBundle.Create(runtime, "exec dd if=/dev/zero of=/dev/null bs=64M count=1", 32L << 20, 64);
        var cgroup = system.Open(bundle.CgroupsPath);
        try
        {
            var created = bundle.Run("create", "--bundle", bundle.BundlePath, bundle.Id);
            Assert.True(created.ExitCode == 0, created.Output);
            using var monitor = new OomMonitor();
            monitor.Add(bundle.Id, cgroup);

            var started = bundle.Run("start", bundle.Id);
            Assert.True(started.ExitCode == 0, started.Output);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await using var events = monitor.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            Assert.True(await events.MoveNextAsync());
            Assert.Equal(bundle.Id, events.Current.Id);
            var metrics = await cgroup.ReadMetricsAsync(TestContext.Current.CancellationToken);
            Assert.Equal(32UL << 20, metrics.Memory!.Usage.Limit);
        }
        finally
        {
            bundle.Run("delete", "--force", bundle.Id);
            cgroup.Delete();
        }
    }

    [Theory]
    [InlineData("runc")]
    [InlineData("crun")]
    public void PidsLimit_ForkLoopInAContainer_IsStopped(string runtime)
    {
        var system = HostOrSkip(runtime);
        using var crunFix = CrunFix.Apply(system, runtime);
        using var bundle = RuntimeBundle.Create(
            runtime, "i=0; while [ $i -lt 100 ]; do sleep 30 & i=$((i+1)); done; echo all-forked", 256L << 20, 16);
        try
        {
            var run = bundle.Run("run", "--bundle", bundle.BundlePath, bundle.Id);

            Assert.Contains("can't fork", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("all-forked", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            system.Open(bundle.CgroupsPath).Delete();
        }
    }

    [Fact]
    public void Crun_HybridHostWithAStrayV2Controller_RefusesToCreate()
    {
        var system = HostOrSkip("crun");
        Assert.SkipWhen(HybridControllers.CrunCanRun(system), "the v2 hierarchy offers no controller here");
        using var bundle = RuntimeBundle.Create("crun", "true", 32L << 20, 16);
        try
        {
            var created = bundle.Run("create", "--bundle", bundle.BundlePath, bundle.Id);

            Assert.NotEqual(0, created.ExitCode);
            Assert.Contains("cgroups in hybrid mode not supported, drop all controllers from cgroupv2", created.Output, StringComparison.Ordinal);
        }
        finally
        {
            system.Open(bundle.CgroupsPath).Delete();
        }
    }

    private static CgroupSystem HostOrSkip(string runtime)
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "running containers needs root");
        Assert.SkipUnless(RuntimeBundle.CanRun(runtime), $"{runtime}, runc (for `runc spec`) or /bin/busybox is missing");
        var system = CgroupSystem.Load();
        Assert.SkipWhen(system.Layout == CgroupLayout.Unavailable, "no cgroup hierarchy is mounted");
        return system;
    }

    /// <summary>For crun on a hybrid host whose v2 hierarchy keeps a controller: binds it to v1 for the test only, at a
    /// temporary mount point, and unmounts it afterwards (the kernel then hands the controller back to v2).</summary>
    private sealed class CrunFix : IDisposable
    {
        private readonly CgroupSystem? _system;
        private readonly TempDirectory? _root;
        private readonly IReadOnlyList<string> _mounts;

        private CrunFix(CgroupSystem? system, TempDirectory? root, IReadOnlyList<string> mounts)
        {
            _system = system;
            _root = root;
            _mounts = mounts;
        }

        public static CrunFix Apply(CgroupSystem system, string runtime)
        {
            if (runtime != "crun" || HybridControllers.CrunCanRun(system))
            {
                return new CrunFix(null, null, []);
            }

            var root = new TempDirectory("cgv1");
            return new CrunFix(system, root, HybridControllers.BindToV1(system, LinuxSyscalls.Instance, root.Path));
        }

        public void Dispose()
        {
            foreach (string mount in _mounts)
            {
                LinuxSyscalls.Instance.Unmount(mount);
            }

            _root?.Dispose();

            // The kernel frees an unmounted hierarchy a moment later; until then the controller is neither here nor back on
            // v2, and the next test would find nothing to bind and see crun refuse.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (_mounts.Count > 0 && HybridControllers.Stray(_system!).Count < _mounts.Count && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}
