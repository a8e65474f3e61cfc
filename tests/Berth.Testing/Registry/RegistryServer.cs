using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Berth.Testing.Registry;

/// <summary>
/// Debian's docker-registry (distribution 2.8, <c>/usr/bin/docker-registry</c>) on 127.0.0.1 and a free port, with
/// its storage, config, certificates and log in a temp folder of its own: plain HTTP, HTTPS from a test CA, mutual
/// TLS, and htpasswd authentication, as <see cref="RegistryServerOptions"/> say. For HTTPS the CA is written to
/// <see cref="CertsDirectory"/> the way docker's certs.d wants it (<c>&lt;Host&gt;/ca.crt</c>, and
/// <c>client.cert</c> + <c>client.key</c> for mutual TLS), so a client can be pointed at it. Disposing kills the
/// registry and deletes the folder.
/// </summary>
/// <example><code>
/// await using var registry = await RegistryServer.StartAsync(RegistryServerOptions.WithTlsAndUser("alice", "secret"));
/// // registry.Host is "127.0.0.1:&lt;port&gt;"; registry.CertsDirectory holds "127.0.0.1:&lt;port&gt;/ca.crt".
/// await registry.PushAsync(TestImage.Create(new Dictionary&lt;string, string&gt; { ["hello.txt"] = "hi" }), "test/app", "v1");
/// </code></example>
public sealed partial class RegistryServer : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("registry");
    private Process? _process;

    private RegistryServer(RegistryServerOptions options)
    {
        Options = options;
    }

    public RegistryServerOptions Options { get; }

    /// <summary><c>127.0.0.1:port</c>, as an image reference names the registry.</summary>
    public string Host { get; private set; } = string.Empty;

    /// <summary><c>https://127.0.0.1:port</c> or <c>http://…</c>.</summary>
    public Uri BaseUri => new($"{(Options.UsesTls ? "https" : "http")}://{Host}");

    /// <summary>A certs.d folder for clients: <c>&lt;Host&gt;/ca.crt</c> (and the client pair) when TLS is on, else empty.</summary>
    public string CertsDirectory => _dir.Combine("certs.d");

    /// <summary>The CA that signed the server (and client) certificates, when TLS is on.</summary>
    public TestCertificateAuthority? CertificateAuthority { get; private set; }

    /// <summary>The first account of <see cref="RegistryServerOptions.Users"/>, if any.</summary>
    public string? Username => Options.Users.Keys.FirstOrDefault();

    public string? Password => Username is null ? null : Options.Users[Username];

    /// <summary>Where the registry keeps its blobs and repositories (to corrupt a blob, say).</summary>
    public string DataDirectory => _dir.Combine("data");

    public string ReadLog() => File.Exists(LogPath) ? File.ReadAllText(LogPath) : string.Empty;

    private string LogPath => _dir.Combine("registry.log");

    public static async Task<RegistryServer> StartAsync(RegistryServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new RegistryServer(options ?? RegistryServerOptions.Plain);
        try
        {
            await server.StartCoreAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        CertificateAuthority?.Dispose();
        _dir.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        Host = $"127.0.0.1:{FreePort()}";
        string config = await WriteConfigAsync(cancellationToken);
        string command = $"exec /usr/bin/docker-registry serve '{config}' >>'{LogPath}' 2>&1";
        _process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start /usr/bin/docker-registry");
        await WaitUntilServingAsync(cancellationToken);
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = CreateHttpClient(authenticate: false);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/v2/"), cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process!.HasExited)
            {
            }

            if (_process!.HasExited || DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"docker-registry did not start on {Host}: {ReadLog()}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
