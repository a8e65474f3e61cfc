using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth version`, `info` and `namespace`, with docker's exit codes.</summary>
public sealed class CliSkeletonTests(EngineFixture engine)
{
    [Fact]
    public async Task Version_PrintsClientAndServer()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var result = await BerthCli.RunAsync(engine.Daemon, "version");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^Client:\n Version:\s+v0\.\d+\.\d+$", result.Stdout);
        Assert.Matches(@"(?m)^Server:\n berthd:\n  Version:\s+v0\.\d+\.\d+$", result.Stdout);
    }

    [Fact]
    public async Task Info_ShowsTheStorageDriversAndTheNamespace()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var result = await BerthCli.RunAsync(engine.Daemon, "--namespace", "team-a", "info");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^ Namespace:\s+team-a$", result.Stdout);
        Assert.Matches(@"(?m)^ Storage Driver: overlayfs, native$", result.Stdout);
        Assert.Contains($" Root Dir: {engine.Daemon.Root}", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Namespace_CreateListRemove_AsNerdctl()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        Assert.Equal(0, (await BerthCli.RunAsync(engine.Daemon, "namespace", "create", ns, "--label", "owner=me")).ExitCode);
        var table = await BerthCli.RunAsync(engine.Daemon, "namespace", "ls");
        Assert.Matches(@"^NAME\s+IMAGES\s+LABELS\n", table.Stdout);
        Assert.Matches($@"(?m)^{ns}\s+0\s+owner=me$", table.Stdout);
        Assert.Contains(ns + "\n", (await BerthCli.RunAsync(engine.Daemon, "ns", "ls", "-q")).Stdout, StringComparison.Ordinal);

        var removed = await BerthCli.RunAsync(engine.Daemon, "namespace", "rm", ns);
        Assert.Equal((0, ns + "\n"), (removed.ExitCode, removed.Stdout));
        Assert.DoesNotContain(ns, (await BerthCli.RunAsync(engine.Daemon, "ns", "ls", "-q")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamespaceRm_OfANamespaceWithImages_FailsWithExitOneAndSaysWhy()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        Assert.Equal(0, (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "pull", "--plain-http", engine.BusyboxRef)).ExitCode);
        var table = await BerthCli.RunAsync(engine.Daemon, "namespace", "ls");
        Assert.Matches($@"(?m)^{ns}\s+1\s*$", table.Stdout);

        var result = await BerthCli.RunAsync(engine.Daemon, "namespace", "rm", ns);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"Error response from daemon: namespace {ns} must be empty, but it still has images", result.Stderr);
    }

    [Fact]
    public async Task DaemonNotRunning_ExitsOneWithAHint()
    {
        var result = await BerthCli.RunRawAsync(null, "--address", "/nonexistent/berthd.sock", "info");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot connect to the berth daemon at unix:///nonexistent/berthd.sock: is berthd running?", result.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFlag_Exits125WithUsageHint()
    {
        var result = await BerthCli.RunRawAsync(null, "namespace", "ls", "--bogus");
        Assert.Equal(125, result.ExitCode);
        Assert.Equal("unknown flag: --bogus\n\nUsage:  berth namespace ls [OPTIONS]\n\nRun 'berth namespace ls --help' for more information\n", result.Stderr);
    }

    [Theory]
    // docker 28's words and exit codes for each (checked against its CLI).
    [InlineData(new[] { "run", "--bogus-flag", "img" }, 125, "unknown flag: --bogus-flag\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'berth run --help'")]
    [InlineData(new[] { "run", "-itz", "img" }, 125, "unknown shorthand flag: 'z' in -itz\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun")]
    [InlineData(new[] { "run" }, 1, "berth: 'berth run' requires at least 1 argument\n\nUsage:  berth run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'berth run --help'")]
    [InlineData(new[] { "rm" }, 1, "berth: 'berth rm' requires at least 1 argument\n\nUsage:  berth rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee")]
    [InlineData(new[] { "ps", "x" }, 1, "berth: 'berth ps' accepts no arguments\n\nUsage:  berth ps [OPTIONS]\n\nRun 'berth ps --help'")]
    [InlineData(new[] { "logs", "--tail" }, 125, "flag needs an argument: --tail\n\nUsage:  berth logs [OPTIONS] CONTAINER\n\nRun")]
    [InlineData(new[] { "bogus" }, 1, "berth: unknown command: berth bogus\n\nRun 'berth --help' for more information")]
    [InlineData(new[] { "volume", "bogus" }, 1, "berth: unknown command: berth volume bogus\n\nUsage:  berth volume COMMAND\n\nRun")]
    [InlineData(new[] { "volume" }, 0, "")]
    public async Task BadCommandLine_IsToldAsDocker28TellsIt(string[] args, int exitCode, string stderrStart)
    {
        var result = await BerthCli.RunRawAsync(null, args);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith(stderrStart, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentVariables_ChooseAddressAndNamespace()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        var result = await BerthCli.RunRawAsync(
            new Dictionary<string, string> { ["BERTH_ADDRESS"] = engine.Daemon.Address, ["BERTH_NAMESPACE"] = "from-env" }, "info");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^ Namespace:\s+from-env$", result.Stdout);
    }
}
