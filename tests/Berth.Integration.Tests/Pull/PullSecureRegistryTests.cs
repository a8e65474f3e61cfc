using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Pull;

/// <summary>
/// `berth login` and `berth pull` against docker-registry over TLS from a test CA with htpasswd accounts: berthd trusts
/// the CA through its certs.d, the CLI keeps credentials in DOCKER_CONFIG's config.json and sends them with the pull.
/// </summary>
public sealed class PullSecureRegistryTests(SecureRegistriesFixture registries) : IClassFixture<SecureRegistriesFixture>
{
    [Fact]
    public async Task Pull_AfterLogin_PullsThePrivateImage()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        using var config = new TempDirectory("docker-config");
        string ns = Names.Namespace();

        var login = await Berth(config, SecureRegistriesFixture.Password + "\n",
            "login", "-u", SecureRegistriesFixture.User, "--password-stdin", registries.Trusted.Host);
        var pull = await Berth(config, null, "-n", ns, "pull", registries.TrustedRef);

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.EndsWith("Login Succeeded\n", login.Stdout, StringComparison.Ordinal);
        using (var saved = JsonDocument.Parse(await File.ReadAllTextAsync(config.Combine("config.json"))))
        {
            string auth = saved.RootElement.GetProperty("auths").GetProperty(registries.Trusted.Host).GetProperty("auth").GetString()!;
            Assert.Equal($"{SecureRegistriesFixture.User}:{SecureRegistriesFixture.Password}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(auth)));
        }

        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.EndsWith($"Status: Downloaded newer image for {registries.TrustedRef}\n{registries.TrustedRef}\n", pull.Stdout, StringComparison.Ordinal);
        string motd = await SnapshotRootfs.ReadTopAsync(args => Infrastructure.Ctr.RunAsync(registries.Daemon, ns, args),
            root => File.ReadAllText(Path.Combine(root, "etc/motd")));
        Assert.Equal("private\n", motd);
    }

    [Fact]
    public async Task Pull_WithoutLogin_FailsUnauthorized()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        using var config = new TempDirectory("docker-config");
        string ns = Names.Namespace();

        var pull = await Berth(config, null, "-n", ns, "pull", registries.TrustedRef);

        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.StartsWith("Error response from daemon: ", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains("unauthorized: authentication required", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains($"berth login {registries.Trusted.Host}", pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await Infrastructure.Ctr.RunAsync(registries.Daemon, ns, "images", "ls", "-q")).Stdout);
    }

    [Fact]
    public async Task Login_WrongPassword_FailsAndWritesNothing()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        using var config = new TempDirectory("docker-config");

        var login = await Berth(config, "not-the-password\n", "login", "-u", SecureRegistriesFixture.User, "--password-stdin", registries.Trusted.Host);

        Assert.True(login.ExitCode == 1, login.ToString());
        Assert.Contains("unauthorized", login.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Login Succeeded", login.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(config.Path));
    }

    [Fact]
    public async Task Pull_RegistryCaNotInCertsD_FailsNamingTheCertificateAndWhereToPutTheCa()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        using var config = new TempDirectory("docker-config");
        string ns = Names.Namespace();

        var pull = await Berth(config, null, "-n", ns, "pull", registries.UntrustedRef);

        Assert.True(pull.ExitCode == 1, pull.ToString());
        Assert.Contains("TLS", pull.Stderr, StringComparison.Ordinal);
        Assert.Contains("certificate", pull.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Path.Combine(registries.Trusted.CertsDirectory, registries.Untrusted.Host, "ca.crt"), pull.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await Infrastructure.Ctr.RunAsync(registries.Daemon, ns, "images", "ls", "-q")).Stdout);
    }

    private Task<ProcessResult> Berth(TempDirectory dockerConfig, string? stdin, params string[] arguments)
        => BerthCli.RunAsync(registries.Daemon, new Dictionary<string, string> { ["DOCKER_CONFIG"] = dockerConfig.Path }, stdin, arguments);
}
