using Berth.Integration.Tests.Infrastructure;
using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Pull;

/// <summary>
/// Two HTTPS registries, each with its own test CA, and a berthd whose [registry] config_path is the first one's
/// certs.d: the first (htpasswd, one account) is trusted, the second's CA is nowhere berthd looks. Both hosts are
/// marked not insecure, since loopback registries are insecure (unverified TLS) by default, as in docker.
/// </summary>
public sealed class SecureRegistriesFixture : IAsyncLifetime
{
    public const string User = "alice";
    public const string Password = "s3cret-pass";

    public RegistryServer Trusted { get; private set; } = null!;

    public RegistryServer Untrusted { get; private set; } = null!;

    public BerthDaemon Daemon { get; private set; } = null!;

    public TestImage Image { get; } = TestImage.Create([FixtureImages.BusyboxLayer, TestLayer.Create(new Dictionary<string, string> { ["etc/motd"] = "private\n" })]);

    public string TrustedRef => $"{Trusted.Host}/private/app:v1";

    public string UntrustedRef => $"{Untrusted.Host}/other/app:v1";

    public async ValueTask InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        Trusted = await RegistryServer.StartAsync(RegistryServerOptions.WithTlsAndUser(User, Password));
        Untrusted = await RegistryServer.StartAsync(RegistryServerOptions.WithTls);
        await Trusted.PushAsync(Image, "private/app", "v1");
        await Untrusted.PushAsync(Image, "other/app", "v1");
        Daemon = await BerthDaemon.StartNewAsync($"""
            version = 2
            [registry]
              config_path = "{Trusted.CertsDirectory}"
              [registry.hosts."{Trusted.Host}"]
                insecure = false
              [registry.hosts."{Untrusted.Host}"]
                insecure = false
            """);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in new IAsyncDisposable?[] { Daemon, Trusted, Untrusted })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }
    }
}
