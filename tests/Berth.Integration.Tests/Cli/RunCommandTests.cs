using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth run` end to end against the shared berthd: docker's exit codes, -d, --rm, and the container flags as the process sees them.</summary>
public sealed class RunCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Run_ExitCodes_TheContainersOr125126127()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);

        var ok = await session.RunAsync("run", "--rm", session.Image, "sh", "-c", "echo out; echo err >&2");
        Assert.Equal((0, "out\n", "err\n"), (ok.ExitCode, ok.Stdout, ok.Stderr));
        Assert.Equal(3, (await session.RunAsync("run", "--rm", session.Image, "sh", "-c", "exit 3")).ExitCode);

        var usage = await session.RunAsync("run", "--rm", "--cpu-shares", "lots", session.Image, "true");
        Assert.Equal(125, usage.ExitCode);
        Assert.Contains("invalid argument \"lots\" for \"-c, --cpu-shares\" flag", usage.Stderr, StringComparison.Ordinal);
        var noImage = await session.RunAsync("run", "--rm", "--pull", "never", "nothing-here:v9", "true");
        Assert.Equal(125, noImage.ExitCode);

        var denied = await session.RunAsync("run", "--name", "denied", session.Image, "/etc/hostname");
        Assert.Equal(126, denied.ExitCode);
        Assert.Contains("permission denied", denied.Stderr, StringComparison.Ordinal);

        var missing = await session.RunAsync("run", "--name", "missing", session.Image, "no-such-command");
        Assert.Equal(127, missing.ExitCode);
        Assert.Contains("executable file not found", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains(await session.StatusesAsync(), s => s.StartsWith("missing Created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_DetachPrintsTheId_RmLeavesNothing()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);

        string id = (await session.OkAsync("run", "-d", "--name", "bg", session.Image, "sleep", "600")).Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Equal($"{id}\n", (await session.OkAsync("ps", "-q", "--no-trunc")).Stdout);
        await session.OkAsync("rm", "-f", "bg");

        Assert.Equal("bye\n", (await session.OkAsync("run", "--rm", "--name", "gone", session.Image, "echo", "bye")).Stdout);
        Assert.Equal(4, (await session.RunAsync("run", "--rm", session.Image, "sh", "-c", "exit 4")).ExitCode);
        await session.OkAsync("run", "-d", "--rm", session.Image, "true");
        for (int i = 0; i < 50 && (await session.OkAsync("ps", "-a", "-q")).Stdout.Length > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(string.Empty, (await session.OkAsync("ps", "-a", "-q")).Stdout);
    }

    [Fact]
    public async Task Run_ProcessFlags_EnvFolderUserEntrypointHostname()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);

        var seen = await session.OkAsync("run", "--rm", "-e", "FOO=bar", "-w", "/tmp", "-u", "1000:1000", "--hostname", "boxhost", session.Image,
            "sh", "-c", "echo $FOO; pwd; id -u; id -g; cat /proc/sys/kernel/hostname");
        Assert.Equal("bar\n/tmp\n1000\n1000\nboxhost\n", seen.Stdout);

        var entrypoint = await session.OkAsync("run", "--rm", "--entrypoint", "/bin/echo", session.Image, "from", "echo");
        Assert.Equal("from echo\n", entrypoint.Stdout);
    }

    [Fact]
    public async Task Run_Filesystems_ReadOnlyRootTmpfsAndABindMountTheHostSees()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        using var host = new TempDirectory("bind");

        var readOnly = await session.RunAsync("run", "--rm", "--read-only", "--tmpfs", "/scratch", session.Image,
            "sh", "-c", "echo ok > /scratch/f && cat /scratch/f /proc/mounts && echo no > /denied");
        Assert.Equal(1, readOnly.ExitCode);
        Assert.StartsWith("ok\n", readOnly.Stdout, StringComparison.Ordinal);
        Assert.Contains(" /scratch tmpfs rw,", readOnly.Stdout, StringComparison.Ordinal);
        Assert.Contains("Read-only file system", readOnly.Stderr, StringComparison.Ordinal);

        await session.OkAsync("run", "--rm", "-v", $"{host.Path}:/data", session.Image, "sh", "-c", "echo written inside > /data/file");
        Assert.Equal("written inside\n", await File.ReadAllTextAsync(Path.Join(host.Path, "file"), TestContext.Current.CancellationToken));

        await File.WriteAllTextAsync(Path.Join(host.Path, "host"), "from host\n", TestContext.Current.CancellationToken);
        var readOnlyBind = await session.RunAsync("run", "--rm", "-v", $"{host.Path}:/data:ro", session.Image, "sh", "-c", "cat /data/host; echo no > /data/x");
        Assert.Equal((1, "from host\n"), (readOnlyBind.ExitCode, readOnlyBind.Stdout));
    }
}
