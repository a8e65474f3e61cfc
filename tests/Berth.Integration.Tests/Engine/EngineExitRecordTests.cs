using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Integration.Tests.Infrastructure;
using static Berth.Integration.Tests.Infrastructure.CtrTasks;

namespace Berth.Integration.Tests.Engine;

/// <summary>
/// What inspect and wait say while a run's exit is being recorded, against the shared berthd and runc: a container
/// whose process exits at once is started again and again while inspect is read without pause, and no read may show
/// it exited with anything but its own code (a read between the task's end and the record's write once showed the
/// run's start values: exited, code 0).
/// </summary>
public sealed class EngineExitRecordTests(EngineFixture engine)
{
    private const int Runs = 12;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InspectAndWait_WhileAQuickExitIsRecorded_NeverShowTheStartValues()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var created = await client.Engine.CreateAsync(
            new ContainerCreate(engine.BusyboxRef) { Spec = new ContainerSpecOptions { Command = ["sh", "-c", "exit 3"] } }, Ct);
        var seen = new List<(ContainerStatus Status, int Code)>();
        try
        {
            for (int run = 0; run < Runs; run++)
            {
                var waited = client.Engine.WaitAsync(created.Id, WaitCondition.NextExit, Ct).AsTask();
                await client.Engine.StartAsync(created.Id, Ct);
                var notRunning = client.Engine.WaitAsync(created.Id, WaitCondition.NotRunning, Ct).AsTask();
                ContainerDetails details;
                do
                {
                    details = await client.Engine.InspectAsync(created.Id, Ct);
                    seen.Add((details.State.Status, details.State.ExitCode));
                }
                while (details.State.Status == ContainerStatus.Running);

                Assert.Equal(3, (await waited).ExitCode);
                Assert.Equal(3, (await notRunning).ExitCode);
            }

            Assert.All(seen, s => Assert.True(s is (ContainerStatus.Running, _) or (ContainerStatus.Exited, 3), $"inspect showed {s}"));
            Assert.Equal(Runs, seen.Count(s => s.Status == ContainerStatus.Exited));
        }
        finally
        {
            await client.Engine.RemoveAsync(created.Id, force: true, cancellationToken: CancellationToken.None);
        }
    }

    [Fact]
    public async Task InspectAndWait_OfAnRmContainerAboutToGo_ShowItsOwnExitCode()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        var seen = new List<(ContainerStatus Status, int Code)>();
        for (int run = 0; run < Runs; run++)
        {
            var created = await client.Engine.CreateAsync(new ContainerCreate(engine.BusyboxRef)
            {
                AutoRemove = true,
                Spec = new ContainerSpecOptions { Command = ["sh", "-c", "exit 3"] },
            }, Ct);
            var removed = client.Engine.WaitAsync(created.Id, WaitCondition.Removed, Ct).AsTask();
            await client.Engine.StartAsync(created.Id, Ct);
            try
            {
                // Once the record is gone there is nothing to read: until then, every read shows the run as it is.
                while (!removed.IsCompleted)
                {
                    var waited = await client.Engine.WaitAsync(created.Id, WaitCondition.NotRunning, Ct);
                    var details = await client.Engine.InspectAsync(created.Id, Ct);
                    seen.Add((ContainerStatus.Exited, waited.ExitCode));
                    seen.Add((details.State.Status, details.State.ExitCode));
                }
            }
            catch (NotFoundException)
            {
            }

            Assert.Equal(3, (await removed).ExitCode);
        }

        Assert.All(seen, s => Assert.True(s is (ContainerStatus.Running, _) or (ContainerStatus.Exited, 3), $"saw {s}"));
    }

    [Fact]
    public async Task ARestartThatCannotStart_LeavesTheContainerExitedWithTheError_AndEndsTheWait()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var client = engine.Daemon.Connect(await PullAsync(engine.Daemon, engine.BusyboxRef));
        // The first run takes its own shell away: the restart cannot exec it.
        var created = await client.Engine.CreateAsync(new ContainerCreate(engine.BusyboxRef)
        {
            Restart = RestartPolicy.Parse("always"),
            Spec = new ContainerSpecOptions { Command = ["sh", "-c", "rm /bin/sh; exit 1"] },
        }, Ct);
        try
        {
            var first = client.Engine.WaitAsync(created.Id, WaitCondition.NextExit, Ct).AsTask();
            await client.Engine.StartAsync(created.Id, Ct);
            Assert.Equal(1, (await first).ExitCode);

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(TimeSpan.FromSeconds(30));
            var exit = await client.Engine.WaitAsync(created.Id, WaitCondition.NotRunning, limit.Token);
            var details = await client.Engine.InspectAsync(created.Id, Ct);
            Assert.Equal((127, ContainerStatus.Exited, 127, 1), (exit.ExitCode, details.State.Status, details.State.ExitCode, details.RestartCount));
            Assert.Contains("executable file not found", details.State.Error, StringComparison.Ordinal);
        }
        finally
        {
            await client.Engine.RemoveAsync(created.Id, force: true, cancellationToken: CancellationToken.None);
        }
    }
}
