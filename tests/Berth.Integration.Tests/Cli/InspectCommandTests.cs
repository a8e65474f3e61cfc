using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;
using static Berth.Integration.Tests.Cli.ContainerCliSession;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth inspect -f` end to end: the facts it prints are checked against the host (/proc) and what was asked.</summary>
public sealed class InspectCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task InspectPid_IsARealProcessInNamespacesOfItsOwn()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        await session.OkAsync("run", "-d", "--name", "box", session.Image, "sleep", "600");

        int pid = int.Parse((await session.OkAsync("inspect", "-f", "{{.State.Pid}}", "box")).Stdout, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(pid > 1, $"pid {pid}");
        Assert.Equal("sleep\0600\0", await File.ReadAllTextAsync($"/proc/{pid}/cmdline", TestContext.Current.CancellationToken));
        foreach (string kind in new[] { "pid", "mnt", "uts", "ipc" })
        {
            string inside = new FileInfo($"/proc/{pid}/ns/{kind}").LinkTarget!;
            string host = new FileInfo($"/proc/self/ns/{kind}").LinkTarget!;
            Assert.NotEqual(host, inside);
        }

        Assert.Equal("running true 0\n", (await session.OkAsync("inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.State.ExitCode}}", "box")).Stdout);
        await session.OkAsync("kill", "box");
        await session.OkAsync("wait", "box");
        Assert.Equal("0 137\n", (await session.OkAsync("container", "inspect", "-f", "{{.State.Pid}} {{.State.ExitCode}}", "box")).Stdout);
    }

    [Fact]
    public async Task InspectExitCodeAndMounts_AsTheRunAskedThem()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var session = await StartAsync(engine);
        using var host = new TempDirectory("inspect");
        Expect(5, await session.RunAsync("run", "--name", "done", "-v", $"{host.Path}:/data:ro", "--tmpfs", "/scratch", session.Image, "sh", "-c", "exit 5"));

        Assert.Equal("5\n", (await session.OkAsync("inspect", "-f", "{{.State.ExitCode}}", "done")).Stdout);
        Assert.Equal("exited\n", (await session.OkAsync("inspect", "--format", "{{.State.Status}}", "done")).Stdout);

        using var mounts = JsonDocument.Parse((await session.OkAsync("inspect", "-f", "{{json .Mounts}}", "done")).Stdout);
        var bind = Assert.Single(mounts.RootElement.EnumerateArray(), m => m.GetProperty("Type").GetString() == "bind");
        Assert.Equal((host.Path, "/data", false), (bind.GetProperty("Source").GetString(), bind.GetProperty("Destination").GetString(), bind.GetProperty("RW").GetBoolean()));

        var missing = await session.RunAsync("inspect", "-f", "{{.State.ExitCode}}", "done", "nosuch");
        Assert.Equal((1, "5\n"), (missing.ExitCode, missing.Stdout));
        Assert.Equal("Error: No such object: nosuch\n", missing.Stderr);
    }
}
