using Berth.Core.Containers.Options;
using System.Globalization;
using Berth.Linux;
using Berth.Linux.Cgroups;
using Berth.Oci.Manifests;
using Berth.Runtime.Spec;
using Berth.Testing;

namespace Berth.Runtime.Tests.Spec;

/// <summary>Specs from <see cref="SpecBuilder"/> run by the real runc and crun, in a busybox rootfs.</summary>
public sealed class OciRuntimeTests
{
    public static TheoryData<string> Runtimes => ["runc", "crun"];

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_DefaultSpec_RunsWithDockersCapabilities(string runtime)
    {
        var result = await RunAsync(runtime, "grep CapEff /proc/self/status; grep CapBnd /proc/self/status");

        Assert.True(result.ExitCode == 0, result.ToString());
        string expected = Capabilities.Mask(Capabilities.Default).ToString("x16", CultureInfo.InvariantCulture);
        Assert.Contains($"CapEff:\t{expected}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"CapBnd:\t{expected}", result.Stdout, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_DefaultSpec_MasksKernelPaths(string runtime)
    {
        var result = await RunAsync(runtime, "cat /proc/keys | wc -c; ls -A /sys/firmware | wc -l; echo x > /proc/sysrq-trigger || echo refused");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["0", "0", "refused"], result.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.Contains(':')));
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_DefaultSpec_OpenFileLimitWithinHostHardLimit(string runtime)
    {
        var result = await RunAsync(runtime, "ulimit -n; ulimit -Hn");

        Assert.True(result.ExitCode == 0, result.ToString());
        ulong hostHard = SpecHost.Current.Rlimits["RLIMIT_NOFILE"].Hard;
        var values = result.Stdout.Split('\n').Select(v => ulong.Parse(v.Trim(), CultureInfo.InvariantCulture)).ToList();
        Assert.All(values, v => Assert.InRange(v, 1UL, hostHard));
        Assert.Equal(Math.Min(1048576UL, hostHard), values[1]);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_DefaultSeccomp_RefusesUnshareThatUnconfinedAllows(string runtime)
    {
        // A user namespace needs no capability, so only seccomp can refuse it.
        const string Script = "unshare -U true && echo allowed || echo refused";

        var confined = await RunAsync(runtime, Script);
        var unconfined = await RunAsync(runtime, Script, new ContainerSpecOptions { Seccomp = "unconfined" });

        Assert.True(confined.ExitCode == 0, confined.ToString());
        Assert.EndsWith("refused", confined.Stdout, StringComparison.Ordinal);
        Assert.Contains("Operation not permitted", confined.Stderr + confined.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("allowed", unconfined.Stdout, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_PidsLimit_StopsExtraProcesses(string runtime)
    {
        Assert.SkipUnless(Directory.Exists("/sys/fs/cgroup/pids") || File.Exists("/sys/fs/cgroup/cgroup.controllers"), "this machine has no pids cgroup controller");

        // The shell gives up at the first refused fork, so it ran fewer than the ten sleeps it asked for.
        var result = await RunAsync(runtime, "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 1 & done 2>&1; wait; echo all started",
            new ContainerSpecOptions { PidsLimit = 5 });

        Assert.Contains("can't fork: Resource temporarily unavailable", result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("all started", result.Stdout, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_UserName_RunsWithResolvedIds(string runtime)
    {
        var result = await RunAsync(runtime, "id", new ContainerSpecOptions { User = "app" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("uid=1000(app) gid=1000(app) groups=2000(extra)", result.Stdout);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_Privileged_GetsEveryCapabilityOfTheHost(string runtime)
    {
        var result = await RunAsync(runtime, "grep CapEff /proc/self/status; cat /proc/keys > /dev/null && echo unmasked",
            new ContainerSpecOptions { Privileged = true });

        Assert.True(result.ExitCode == 0, result.ToString());
        string expected = Capabilities.Mask(SpecHost.Current.Capabilities).ToString("x16", CultureInfo.InvariantCulture);
        Assert.Equal($"CapEff:\t{expected}\nunmasked", result.Stdout);
    }

    [Theory, MemberData(nameof(Runtimes))]
    public async Task Run_ReadonlyRootfsWithTmpfs_WritesOnlyTheTmpfs(string runtime)
    {
        var result = await RunAsync(runtime, "touch /etc/x 2>/dev/null || echo refused; touch /scratch/x && echo written",
            new ContainerSpecOptions { ReadonlyRootfs = true, Tmpfs = [TmpfsMount.Parse("/scratch:size=1m")] });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("refused\nwritten", result.Stdout);
    }

    private static async Task<RunResult> RunAsync(string runtime, string script, ContainerSpecOptions? options = null)
    {
        Assert.SkipUnless(TestEnvironment.IsRoot, "running containers needs root");
        Assert.SkipUnless(BusyboxBundle.BusyboxAvailable, "busybox-static is not installed");
        Assert.SkipWhen(OciRuntimeRunner.Find(runtime) is null, $"{runtime} is not installed");

        string suffix = Guid.NewGuid().ToString("N")[..10];
        string id = $"berth-spec-{suffix}";
        string cgroupsPath = $"/berth-spec-test-{suffix}";
        using var bundle = new BusyboxBundle();
        var image = new ContainerConfig { Cmd = ["sh", "-c", script] };
        var spec = new SpecBuilder(SpecHost.Current, LinuxSyscalls.Instance)
            .Build("test", id, image, (options ?? new ContainerSpecOptions()) with { CgroupsPath = cgroupsPath }, bundle.Rootfs);
        bundle.Write(spec);

        if (runtime == "crun")
        {
            // crun 1.8 refuses a hybrid host whose v2 hierarchy holds a controller (hugetlb here): what berthd does at
            // start-up (prepare_hybrid_cgroups), host-wide and idempotent.
            HybridControllers.BindToV1(CgroupSystem.Load(), LinuxSyscalls.Instance);
        }

        return await OciRuntimeRunner.RunAsync(runtime, bundle, id, cgroupsPath, TestContext.Current.CancellationToken);
    }
}
