using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Berth.Testing;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>Debian's docker-registry (distribution) on 127.0.0.1, plain HTTP, storing under a temp folder.</summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly TempDirectory _dir = new("registry");
    private Process? _process;

    public string Host { get; private set; } = string.Empty;

    public static async Task<LocalRegistry> StartAsync()
    {
        var registry = new LocalRegistry();
        await registry.StartCoreAsync();
        return registry;
    }

    private async Task StartCoreAsync()
    {
        int port = FreePort();
        Host = $"127.0.0.1:{port}";
        string config = _dir.Combine("config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {_dir.Combine("data")}
              delete:
                enabled: true
            http:
              addr: {Host}
            """);
        string command = $"exec /usr/bin/docker-registry serve '{config}' >>'{_dir.Combine("registry.log")}' 2>&1";
        _process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("cannot start docker-registry");
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://{Host}/v2/"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }

            if (_process.HasExited || DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"docker-registry did not start: {File.ReadAllText(_dir.Combine("registry.log"))}");
            }

            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _dir.Dispose();
    }
}
