namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Debian's containerd client, pointed at a berthd.</summary>
public static class Ctr
{
    public const string Path = "/usr/bin/ctr";

    public static Task<ProcessResult> RunAsync(BerthDaemon daemon, string @namespace, params string[] arguments)
        => ProcessRunner.RunAsync(Path, ["--address", daemon.Address, "--namespace", @namespace, .. arguments], TimeSpan.FromMinutes(3));
}
