using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Oracle;

/// <summary>
/// Docker as the oracle for a whole scripted session: the same commands through docker's CLI against Debian's dockerd
/// and through berth against berthd, both pulling the same image from the same local registry. Every line must be
/// equal once ids, times and the program's name are normalised, except the known differences; the test prints the
/// full side-by-side table.
/// </summary>
public sealed class SessionOracleTests(EngineFixture engine)
{
    [Fact]
    public async Task Session_BerthPrintsWhatDockerPrints()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        Assert.SkipUnless(DockerDaemon.Installed, "Debian's docker.io is not installed (scripts/deps.sh test installs it)");
        var output = TestContext.Current.TestOutputHelper;
        string ns = await CtrTasks.PullAsync(engine.Daemon, engine.BusyboxRef);
        using var folders = new TempDirectory("oracle-session");
        Directory.CreateDirectory(folders.Combine("docker"));
        Directory.CreateDirectory(folders.Combine("berth"));

        // docker treats 127.0.0.0/8 registries as insecure anyway; the flag says so out loud.
        await using var docker = await DockerDaemon.StartAsync("--insecure-registry", engine.Registry.Host);
        Task<ProcessResult> Docker(IReadOnlyList<string> args) => docker.RunAsync([.. args]);
        Task<ProcessResult> Berth(IReadOnlyList<string> args) => BerthCli.RunAsync(engine.Daemon, ["--namespace", ns, .. args]);
        try
        {
            (await docker.RunAsync("pull", engine.BusyboxRef)).EnsureSuccess("docker pull");
            // dockerd has no default bridge (--bridge=none), so its containers need --network none; berth takes the
            // same flag (no network is its default), so both sides run the same command lines.
            var dockerSide = new SessionSide(Docker, engine.BusyboxRef, docker.DataRoot, folders.Combine("docker"), networkNone: true);
            var berthSide = new SessionSide(Berth, engine.BusyboxRef, engine.Daemon.Root, folders.Combine("berth"), networkNone: true);
            var sides = await Task.WhenAll(dockerSide.RunAsync(SessionScript.Steps), berthSide.RunAsync(SessionScript.Steps));

            var rows = SessionComparison.Compare(sides[0], sides[1]);
            output?.WriteLine($"Both sides: run and create with --network none. Normalised: {SessionNormaliser.Legend}.");
            output?.WriteLine(SessionComparison.Report(rows));
            var unexplained = rows.Where(r => !r.Allowed).ToList();
            Assert.True(unexplained.Count == 0,
                "berth differs from docker on lines no known difference explains:\n" + SessionComparison.Render(unexplained));
            var stale = SessionComparison.Stale(rows).ToList();
            Assert.True(stale.Count == 0, "known differences no longer seen (remove them from KnownDifferences): "
                + string.Join("; ", stale.Select(s => $"{s.Step} / {s.Field}")));
        }
        finally
        {
            await SessionScript.CleanUpAsync(Docker);
            await SessionScript.CleanUpAsync(Berth);
        }
    }
}
