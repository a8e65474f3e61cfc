using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth run`'s flags, each seen where it takes effect: in the container's process (/proc/self), its mounts, the host's
/// cgroup files, its log files. With the other Cli tests, every flag of docker's run that berth takes is run against runc.
/// </summary>
public sealed class RunFlagsCommandTests(EngineFixture engine)
{
    // docker's default capability set: CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE
    // NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP.
    private const ulong DefaultCaps = 0xa80425fb;

    [Fact]
    public async Task EnvFileEntrypointMountTmpfs()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        using var host = new TempDirectory("run-flags");
        await File.WriteAllTextAsync(host.Combine("env"), "# a comment\nFROM_FILE=1\nSPACED=a b\n", TestContext.Current.CancellationToken);
        Directory.CreateDirectory(host.Combine("data"));
        await File.WriteAllTextAsync(host.Combine("data", "x"), "x\n", TestContext.Current.CancellationToken);

        var env = (await session.OkAsync("run", "--rm", "--env-file", host.Combine("env"), session.Image, "env")).Stdout.Split('\n');
        Assert.Contains("FROM_FILE=1", env);
        Assert.Contains("SPACED=a b", env);

        Assert.Equal("hello there\n", (await session.OkAsync("run", "--rm", "--entrypoint", "/bin/echo", session.Image, "hello", "there")).Stdout);

        var bound = Expect(1, await session.RunAsync("run", "--rm", "--mount", $"type=bind,source={host.Combine("data")},target=/m,readonly",
            session.Image, "sh", "-c", "cat /m/x; echo y > /m/y"));
        Assert.Equal("x\n", bound.Stdout);
        Assert.Contains("Read-only file system", bound.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(host.Combine("data", "y")));

        string mounts = (await session.OkAsync("run", "--rm", "--tmpfs", "/t:size=1m,mode=1770", session.Image, "cat", "/proc/mounts")).Stdout;
        string tmpfs = mounts.Split('\n').Single(l => l.Split(' ') is [_, "/t", ..]);
        Assert.Matches(@"^tmpfs /t tmpfs rw,.*size=1024k,mode=1770", tmpfs);
    }

    [Fact]
    public async Task UlimitCapabilitiesPrivilegedSecurityOpt()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);

        string limits = (await session.OkAsync("run", "--rm", "--ulimit", "nofile=1024:2048", session.Image, "cat", "/proc/self/limits")).Stdout;
        Assert.Matches(@"Max open files\s+1024\s+2048\s+files", limits);

        Assert.Equal(DefaultCaps, await StatusHexAsync(session, "CapEff"));
        Assert.Equal(DefaultCaps & ~1UL, await StatusHexAsync(session, "CapEff", "--cap-drop", "CHOWN"));
        Assert.Equal(DefaultCaps | (1UL << 12), await StatusHexAsync(session, "CapEff", "--cap-add", "NET_ADMIN"));
        Assert.Equal(DefaultCaps | (1UL << 21), await StatusHexAsync(session, "CapEff", "--cap-add", "cap_sys_admin"));
        // Privileged: every capability the host's bounding set has.
        Assert.Equal(Convert.ToUInt64(Status(File.ReadAllText("/proc/self/status"), "CapBnd"), 16), await StatusHexAsync(session, "CapEff", "--privileged"));

        Assert.Equal("2", await StatusAsync(session, "Seccomp"));
        Assert.Equal("0", await StatusAsync(session, "Seccomp", "--security-opt", "seccomp=unconfined"));
        Assert.Equal("0", await StatusAsync(session, "NoNewPrivs"));
        Assert.Equal("1", await StatusAsync(session, "NoNewPrivs", "--security-opt", "no-new-privileges"));
        Assert.Equal("1", await StatusAsync(session, "NoNewPrivs", "--security-opt", "no-new-privileges=true"));
    }

    [Fact]
    public async Task ResourceFlags_AreTheHostsCgroupLimits()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "limited", "--memory", "64m", "--memory-swap", "128m", "--cpus", "0.5", "--cpu-shares", "512",
            "--cpuset-cpus", "0", "--pids-limit", "42", session.Image, "sleep", "600");

        var cgroup = await HostCgroup.OfAsync(session, "limited");
        Assert.Equal(64L << 20, cgroup.MemoryLimit());
        Assert.Equal((50_000L, 100_000L), cgroup.CpuQuota());
        Assert.Equal("0", cgroup.Read("cpuset", "cpuset.cpus"));
        Assert.Equal("42", cgroup.Read("pids", "pids.max"));
        Assert.Equal(cgroup.IsV1("cpu") ? "512" : "20", cgroup.Read("cpu", "cpu.weight", "cpu.shares"));
        if (cgroup.Exists("memory", "memory.swap.max", "memory.memsw.limit_in_bytes"))
        {
            // v1 counts memory and swap together; v2 counts the swap alone.
            Assert.Equal(cgroup.IsV1("memory") ? "134217728" : "67108864", cgroup.Read("memory", "memory.swap.max", "memory.memsw.limit_in_bytes"));
        }
    }

    [Fact]
    public async Task InitLabelStopSignalLogOpt()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);

        Assert.Equal("docker-init\n", (await session.OkAsync("run", "--rm", "--init", session.Image, "cat", "/proc/1/comm")).Stdout);

        await session.OkAsync("create", "--name", "labelled", "--label", "tier=db", "--label", "empty=", session.Image, "true");
        Assert.Equal("db|\n", (await session.OkAsync("inspect", "-f", "{{index .Config.Labels \"tier\"}}|{{index .Config.Labels \"empty\"}}", "labelled")).Stdout);
        Assert.Equal("labelled\n", (await session.OkAsync("ps", "-a", "--filter", "label=tier=db", "--format", "{{.Names}}")).Stdout);

        // The stop signal is the one the container traps: it exits 0 at once, not 137 after the 30 s grace.
        await session.OkAsync("run", "-d", "--name", "trapper", "--stop-signal", "SIGUSR1", "--stop-timeout", "30", session.Image,
            "sh", "-c", "trap 'echo got usr1; exit 0' USR1; echo ready; while true; do sleep 0.1; done");
        await WaitForLogAsync(session, "trapper", "ready");
        await session.OkAsync("stop", "trapper");
        Assert.Equal("0 SIGUSR1\n", (await session.OkAsync("inspect", "-f", "{{.State.ExitCode}} {{.Config.StopSignal}}", "trapper")).Stdout);
        Assert.Equal("ready\ngot usr1\n", (await session.OkAsync("logs", "trapper")).Stdout);

        // max-size and max-file: the log rotates, one old file kept, the newest lines readable.
        await session.OkAsync("run", "--name", "chatty", "--log-opt", "max-size=1k", "--log-opt", "max-file=2", session.Image,
            "sh", "-c", "i=0; while [ $i -lt 200 ]; do echo line-$i-padding-padding-padding; i=$((i+1)); done");
        string log = (await session.OkAsync("inspect", "-f", "{{.LogPath}}", "chatty")).Stdout.Trim();
        Assert.InRange(new FileInfo(log).Length, 1, 1024 + 128);
        Assert.True(File.Exists(log + ".1"), "one rotated file");
        Assert.False(File.Exists(log + ".2"), "no more than max-file files");
        Assert.EndsWith("line-199-padding-padding-padding\n", (await session.OkAsync("logs", "--tail", "1", "chatty")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InteractiveSigProxyPlatformPull()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        Assert.Equal("piped\n", (await session.RunWithStdinAsync("piped\n", "run", "-i", "--rm", session.Image, "cat")).Stdout);
        Assert.Equal(string.Empty, (await session.RunWithStdinAsync("piped\n", "run", "--rm", session.Image, "cat")).Stdout);

        // A signal to an attached run reaches the container (the default --sig-proxy), which traps it and exits 3.
        const string trap = "trap 'echo got term; exit 3' TERM; echo ready; while true; do sleep 0.1; done";
        using (var proxied = RunningProcess.StartBerth(session.Daemon, "--namespace", session.Namespace, "run", "--name", "proxied", session.Image, "sh", "-c", trap))
        {
            await proxied.WaitForLineAsync(l => l == "ready", ContainerCliSession.Timeout);
            await ProcessRunner.RunAsync("kill", ["-TERM", proxied.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            var ended = await proxied.WaitForExitAsync(ContainerCliSession.Timeout);
            Assert.Equal((3, "ready\ngot term\n"), (ended.ExitCode, ended.Stdout));
        }

        // --sig-proxy=false: the signal ends berth, not the container.
        using (var alone = RunningProcess.StartBerth(session.Daemon, "--namespace", session.Namespace, "run", "--sig-proxy=false", "--name", "alone", session.Image, "sh", "-c", trap))
        {
            await alone.WaitForLineAsync(l => l == "ready", ContainerCliSession.Timeout);
            await ProcessRunner.RunAsync("kill", ["-TERM", alone.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await alone.WaitForExitAsync(ContainerCliSession.Timeout);
        }

        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("alone Up ", StringComparison.Ordinal));
        Assert.Equal("ready\n", (await session.OkAsync("logs", "alone")).Stdout);

        // The image's own platform runs; another is pulled for (--pull always) and the registry has none.
        Assert.Equal("ok\n", (await session.OkAsync("run", "--rm", "--platform", "linux/amd64", session.Image, "echo", "ok")).Stdout);
        var arm = Expect(125, await session.RunAsync("run", "--rm", "--pull", "always", "--platform", "linux/arm64", session.Image, "true"));
        Assert.Contains("linux/arm64", arm.Stderr, StringComparison.Ordinal);
        Assert.Equal("ok\n", (await session.OkAsync("run", "--rm", "--pull", "missing", session.Image, "echo", "ok")).Stdout);
    }

    [Fact]
    public async Task UserNames_AreTheImagesOwn()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        // An image whose /etc/passwd and /etc/group name a user and groups, made with commit.
        await session.OkAsync("run", "--name", "users", session.Image, "sh", "-c",
            "echo 'root:x:0:0::/root:/bin/sh' > /etc/passwd; echo 'app:x:1234:2345::/home/app:/bin/sh' >> /etc/passwd; "
            + "printf 'root:x:0:\nappgrp:x:2345:\nstaff:x:50:app\nextra:x:777:\n' > /etc/group");
        await session.OkAsync("commit", "users", "test/users:v1");

        Assert.Equal("1234 2345 2345 50\n", (await session.OkAsync("run", "--rm", "-u", "app", "test/users:v1", "sh", "-c", "echo $(id -u) $(id -g) $(id -G)")).Stdout);
        Assert.Equal("1234 777\n", (await session.OkAsync("run", "--rm", "-u", "app:extra", "test/users:v1", "sh", "-c", "echo $(id -u) $(id -g)")).Stdout);
        Assert.Equal("0 0 777\n", (await session.OkAsync("run", "--rm", "--group-add", "extra", "test/users:v1", "sh", "-c", "echo $(id -u) $(id -G)")).Stdout);
        var missing = Expect(125, await session.RunAsync("run", "--rm", "-u", "nobody-here", "test/users:v1", "true"));
        Assert.Contains("nobody-here", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAttachInteractive_AndRestartOnFailure()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("create", "-i", "--name", "reader", session.Image, "sh", "-c", "read line; echo got $line; exit 4");
        var started = Expect(4, await session.RunWithStdinAsync("hello\n", "start", "-a", "-i", "reader"));
        Assert.Equal("got hello\n", started.Stdout);

        // on-failure:2 — the engine starts it twice more, then leaves it exited with its code.
        await session.OkAsync("run", "-d", "--name", "retried", "--restart", "on-failure:2", session.Image, "sh", "-c", "echo run; exit 5");
        for (var deadline = DateTime.UtcNow + ContainerCliSession.Timeout; DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            if ((await session.OkAsync("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", "retried")).Stdout == "2 exited\n")
            {
                break;
            }
        }

        Assert.Equal("2 exited 5 on-failure 2\n", (await session.OkAsync("inspect", "-f",
            "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", "retried")).Stdout);
        Assert.Equal("run\nrun\nrun\n", (await session.OkAsync("logs", "retried")).Stdout);
    }

    private static async Task<string> StatusAsync(ContainerCliSession session, string field, params string[] flags)
        => Status((await session.OkAsync(["run", "--rm", .. flags, session.Image, "cat", "/proc/self/status"])).Stdout, field);

    private static async Task<ulong> StatusHexAsync(ContainerCliSession session, string field, params string[] flags)
        => Convert.ToUInt64(await StatusAsync(session, field, flags), 16);

    private static string Status(string status, string field)
        => status.Split('\n').Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Trim();

    private static async Task WaitForLogAsync(ContainerCliSession session, string container, string text)
    {
        for (var deadline = DateTime.UtcNow + ContainerCliSession.Timeout; DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            if ((await session.OkAsync("logs", container)).Stdout.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"{container} never logged {text}");
    }
}
