using System.Diagnostics;

namespace Berth.Integration.Tests.Tasks;

/// <summary>What containerd needs from a shim beyond the task API: events over its ttrpc socket, and <c>delete</c> after a shim died.</summary>
public sealed partial class ContainerdRunsBerthShimTests
{
    [Fact]
    public async Task Run_TaskEvents_ReachContainerdOverItsTtrpcSocket()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        var events = Process.Start(new ProcessStartInfo(Infrastructure.Ctr.Path, ["--address", Containerd.Address, "events"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await events.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        try
        {
            await Task.Delay(500);
            await CrunTasks.Ok(Containerd.CtrAsync(ns, "run", "--rm", "--runtime", Runtime, engine.BusyboxRef, "ev", "sh", "-c", "exit 5"), exitCode: 5);

            // The shim publishes create, start and exit; containerd publishes delete itself.
            string[] expected = ["/tasks/create", "/tasks/start", "/tasks/exit"];
            for (int i = 0; i < 50 && !expected.All(topic => Seen(lines, ns, topic)); i++)
            {
                await Task.Delay(100);
            }

            Assert.All(expected, topic => Assert.True(Seen(lines, ns, topic), $"no {topic} event for {ns}:\n{string.Join('\n', lines)}"));
            Assert.Contains(lines, line => line.Contains(ns, StringComparison.Ordinal) && line.Contains("/tasks/exit", StringComparison.Ordinal)
                && line.Contains("\"exit_status\":5", StringComparison.Ordinal));
        }
        finally
        {
            events.Kill();
            await events.WaitForExitAsync();
            await reading;
            events.Dispose();
            RemoveNamespaceCgroups(ns);
        }
    }

    [Fact]
    public async Task KilledShim_ContainerdRunsBerthShimDelete_ContainerIsGoneAndItsTaskExits()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync();
        try
        {
            await CrunTasks.Ok(Containerd.CtrAsync(ns, "run", "-d", "--runtime", Runtime, engine.BusyboxRef, "orphan", "sleep", "300"));
            string pid = (await CrunTasks.Ok(Containerd.CtrAsync(ns, "tasks", "ls"))).Stdout.Split('\n')
                .Single(l => l.StartsWith("orphan ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

            // containerd sees the shim's connection drop and runs `containerd-shim-berth-v2 delete` in the bundle.
            string socket = (await File.ReadAllTextAsync(Path.Join(Containerd.State, "io.containerd.runtime.v2.task", ns, "orphan", "address")))
                .Trim()["unix://".Length..];
            Assert.True(File.Exists(socket), socket);
            int shim = Assert.Single(ShimProcesses(ns));
            Process.GetProcessById(shim).Kill();
            for (int i = 0; i < 100 && (Directory.Exists($"/proc/{pid}") || (await Containerd.CtrAsync(ns, "tasks", "ls", "-q")).Stdout.Trim().Length > 0); i++)
            {
                await Task.Delay(100);
            }

            Assert.False(Directory.Exists($"/proc/{pid}"), "berth-shim delete kills the container");
            Assert.Empty((await Containerd.CtrAsync(ns, "tasks", "ls", "-q")).Stdout.Trim());
            Assert.False(File.Exists(socket), "berth-shim delete removes the dead shim's socket");
            Assert.Contains("cleaning up after shim disconnected", Containerd.Log, StringComparison.Ordinal);
            Assert.DoesNotContain("failed to clean up after shim disconnected", Containerd.Log, StringComparison.Ordinal);
            await CrunTasks.Ok(Containerd.CtrAsync(ns, "containers", "rm", "orphan"));
            await AssertNothingLeftAsync(ns, "orphan");
        }
        finally
        {
            RemoveNamespaceCgroups(ns);
        }
    }

    private static bool Seen(List<string> lines, string ns, string topic)
    {
        lock (lines)
        {
            return lines.Any(line => line.Contains(ns, StringComparison.Ordinal) && line.Contains(topic, StringComparison.Ordinal));
        }
    }
}
