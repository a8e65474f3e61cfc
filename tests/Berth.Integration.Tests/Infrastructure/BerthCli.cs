namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Runs the berth command line against a daemon.</summary>
public static class BerthCli
{
    public static Task<ProcessResult> RunAsync(BerthDaemon daemon, params string[] arguments)
        => ProcessRunner.RunAsync(BerthBinaries.Cli, ["--address", daemon.Address, .. arguments], TimeSpan.FromMinutes(2));

    /// <summary>With extra environment (DOCKER_CONFIG, say) and text on stdin (a password).</summary>
    public static Task<ProcessResult> RunAsync(BerthDaemon daemon, IReadOnlyDictionary<string, string>? environment, string? stdin,
        params string[] arguments)
        => ProcessRunner.RunAsync(BerthBinaries.Cli, ["--address", daemon.Address, .. arguments], TimeSpan.FromMinutes(2), environment, stdin);

    public static Task<ProcessResult> RunRawAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => ProcessRunner.RunAsync(BerthBinaries.Cli, arguments, TimeSpan.FromMinutes(2), environment);
}
