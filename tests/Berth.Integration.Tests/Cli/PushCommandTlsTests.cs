using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;
using Berth.Testing;
using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Cli;

/// <summary>`berth push` to a fresh registry with TLS from a test CA and htpasswd accounts, through a daemon told where the CA is.</summary>
public sealed class PushCommandTlsTests(EngineFixture engine)
{
    [Fact]
    public async Task Push_ToTlsRegistryWithHtpasswd_RefusedBeforeLoginAndPushedAfter()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        await using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithTlsAndUser("alice", "s3cret"), TestContext.Current.CancellationToken);
        await using var daemon = await BerthDaemon.StartNewAsync($"""
            version = 2
            [registry]
              config_path = "{registry.CertsDirectory}"
            """);
        using var dockerConfig = new TempDirectory("docker-config");
        var environment = new Dictionary<string, string> { ["DOCKER_CONFIG"] = dockerConfig.Path };
        string target = $"{registry.Host}/secure/app:v1";
        Assert.Equal(0, (await Run(environment, daemon, "pull", "-q", engine.BusyboxRef)).ExitCode);
        Assert.Equal(0, (await Run(environment, daemon, "tag", engine.BusyboxRef, target)).ExitCode);

        var refused = await Run(environment, daemon, "push", target);

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith($"Error response from daemon: push access denied for {registry.Host}/secure/app", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains($"berth login {registry.Host}", refused.Stderr, StringComparison.Ordinal);

        var login = await ProcessRunner.RunAsync(BerthBinaries.Cli, ["--address", daemon.Address, "login", "-u", "alice", "--password-stdin", registry.Host],
            TimeSpan.FromMinutes(1), environment, stdin: "s3cret\n");
        Assert.True(login.ExitCode == 0, login.ToString());

        var push = await Run(environment, daemon, "push", target);

        Assert.True(push.ExitCode == 0, push.ToString() + daemon.Log);
        Assert.Matches(@"(?m)^[0-9a-f]{12}: Pushed$", push.Stdout);
        var (digest, _) = PushCommandTests.DigestLine(push.Stdout, "v1");
        string[] skopeo = ["--cert-dir", Path.Combine(registry.CertsDirectory, registry.Host), "--creds", "alice:s3cret"];
        Assert.Equal(digest, Digest.Sha256(await PushCommandTests.SkopeoRawAsync(target, skopeo)).ToString());
        Assert.Equal(digest, await PushCommandTests.SkopeoDigestAsync(target, skopeo));
    }

    private static Task<ProcessResult> Run(Dictionary<string, string> environment, BerthDaemon daemon, params string[] arguments)
        => BerthCli.RunRawAsync(environment, ["--address", daemon.Address, .. arguments]);
}
