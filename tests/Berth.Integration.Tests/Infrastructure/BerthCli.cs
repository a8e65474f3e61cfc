namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Runs the berth command line against a daemon.</summary>
public static class BerthCli
{
    public static Task<ProcessResult> RunAsync(BerthDaemon daemon, params string[] arguments)
        => ProcessRunner.RunAsync(BerthBinaries.Cli, ["--address", daemon.Address, .. arguments], TimeSpan.FromMinutes(2));

    public static Task<ProcessResult> RunRawAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => ProcessRunner.RunAsync(BerthBinaries.Cli, arguments, TimeSpan.FromMinutes(2), environment);
}
