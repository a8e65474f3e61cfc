using Berth.Client;
using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Engine;

/// <summary>
/// The engine across a berthd SIGKILL and restart (a berthd of its own, berth-shim): a container that ran on is watched
/// again (same pid, its log goes on, output written meanwhile included), one that exited meanwhile shows its exit code,
/// <c>always</c> starts again one that exited meanwhile, <c>on-failure</c> one that failed meanwhile (once, counted), and
/// <c>unless-stopped</c> leaves the one the user stopped.
/// </summary>
public sealed class EngineRestartTests(EngineFixture engine) : PrivateDaemonTest(BerthBinaries.Shim)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledDaemon_Restarted_PicksUpRunningContainers_AndAppliesRestartPolicies()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = await PullAsync(Daemon, engine.BusyboxRef);
        var ids = new List<string>();
        try
        {
            await using (var client = Daemon.Connect(ns))
            {
                ids.Add(await RunAsync(client, "ticker", "while true; do echo tick; sleep 0.2; done"));
                ids.Add(await RunAsync(client, "quitter", "sleep 1; exit 9"));
                ids.Add(await RunAsync(client, "phoenix", "echo up; sleep 1; exit 3", "always"));
                ids.Add(await RunAsync(client, "resting", "sleep 300", "unless-stopped"));
                ids.Add(await RunAsync(client, "retrier", "echo try; sleep 1; exit 4", "on-failure:1"));
                await client.Engine.StopAsync("resting", 0, cancellationToken: Ct);
            }

            int tickerPid;
            await using (var client = Daemon.Connect(ns))
            {
                tickerPid = (await client.Engine.InspectAsync("ticker", Ct)).State.Pid;
            }

            await Daemon.KillAsync();
            await Task.Delay(2500, Ct);
            await Daemon.StartAsync();

            await using (var client = Daemon.Connect(ns))
            {
                var ticker = await client.Engine.InspectAsync("ticker", Ct);
                Assert.Equal((ContainerStatus.Running, tickerPid), (ticker.State.Status, ticker.State.Pid));
                int before = (await client.Engine.LogsAsync("ticker", new LogsRequest(), Ct).ToListAsync(Ct)).Count;
                // Ten ticks were written while berthd was down: they waited in the FIFO and reached the log.
                Assert.True(before >= 12, $"only {before} ticks in the log");
                await Task.Delay(1000, Ct);
                Assert.True((await client.Engine.LogsAsync("ticker", new LogsRequest(), Ct).ToListAsync(Ct)).Count > before, "the log stopped");

                var quitter = await client.Engine.InspectAsync("quitter", Ct);
                Assert.Equal((ContainerStatus.Exited, 9), (quitter.State.Status, quitter.State.ExitCode));

                var phoenix = await client.Engine.InspectAsync("phoenix", Ct);
                Assert.True(phoenix.State.Status is ContainerStatus.Running or ContainerStatus.Restarting,
                    $"phoenix is {phoenix.State.Status}, exit {phoenix.State.ExitCode}: {phoenix.State.Error}\n{Daemon.Log[^Math.Min(4000, Daemon.Log.Length)..]}");
                Assert.True((await client.Engine.LogsAsync("phoenix", new LogsRequest(), Ct).ToListAsync(Ct)).Count >= 2, "phoenix did not start again");

                Assert.Equal(ContainerStatus.Exited, (await client.Engine.InspectAsync("resting", Ct)).State.Status);

                // on-failure:1 failed while berthd was away: started once more, counted, then left exited with its code.
                var retrier = await client.Engine.WaitAsync("retrier", WaitCondition.NotRunning, Ct);
                var retried = await client.Engine.InspectAsync("retrier", Ct);
                Assert.Equal((4, ContainerStatus.Exited, 4, 1), (retrier.ExitCode, retried.State.Status, retried.State.ExitCode, retried.RestartCount));
                Assert.Equal(2, (await client.Engine.LogsAsync("retrier", new LogsRequest(), Ct).ToListAsync(Ct)).Count);
            }
        }
        finally
        {
            await using var client = Daemon.Connect(ns);
            foreach (string id in ids)
            {
                await client.Engine.RemoveAsync(id, force: true, cancellationToken: CancellationToken.None);
            }
        }
    }

    private async Task<string> RunAsync(BerthClient client, string name, string script, string restart = "no")
    {
        var created = await client.Engine.CreateAsync(new ContainerCreate(engine.BusyboxRef)
        {
            Name = name,
            Restart = RestartPolicy.Parse(restart),
            Spec = new ContainerSpecOptions { Command = ["sh", "-c", script] },
        }, Ct);
        await client.Engine.StartAsync(created.Id, Ct);
        return created.Id;
    }
}
