using System.Diagnostics;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Ctr;

/// <summary>`ctr events` subscribes through berthd's Events service and decodes what the services publish.</summary>
public sealed class CtrEventsTests(EngineFixture engine)
{
    [Fact]
    public async Task Events_ShowNamespaceImageAndSnapshotEvents()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var info = new ProcessStartInfo(Infrastructure.Ctr.Path, ["--address", engine.Daemon.Address, "events"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var events = Process.Start(info)!;
        var lines = new List<string>();
        var reader = Task.Run(async () =>
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
            await Task.Delay(500); // let the subscription start
            Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, "default", "namespaces", "create", ns)).ExitCode);
            Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef)).ExitCode);
            Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "rm", engine.BusyboxRef)).ExitCode);

            string[] expected = ["/namespaces/create", "/snapshot/prepare", "/snapshot/commit", "/images/create", "/images/delete"];
            for (int i = 0; i < 100 && !expected.All(t => Snapshot(lines).Any(l => Mentions(l, t, ns))); i++)
            {
                await Task.Delay(50);
            }

            var seen = Snapshot(lines);
            foreach (string topic in expected)
            {
                Assert.True(seen.Any(l => Mentions(l, topic, ns)),
                    $"no {topic} event for {ns} in:\n{string.Join('\n', seen)}");
            }

            Assert.Contains(seen, l => l.Contains("/images/create", StringComparison.Ordinal) && l.Contains(engine.BusyboxRef, StringComparison.Ordinal));
        }
        finally
        {
            events.Kill();
            await events.WaitForExitAsync();
            await reader;
        }
    }

    private static bool Mentions(string line, string topic, string ns)
        => line.Contains(topic, StringComparison.Ordinal) && line.Contains(ns, StringComparison.Ordinal);

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }
}
