using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Tests.Registry.Fakes;

/// <summary>
/// An in-memory distribution API on 127.0.0.1 (plain HTTP, random port) that tests script: an auth mode, an
/// <see cref="Intercept"/> that answers before the registry does (failures, redirects, odd headers), and a log of
/// every request received.
/// </summary>
public sealed partial class FakeRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRegistry(WebApplication app)
    {
        _app = app;
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Host { get; private set; } = string.Empty;

    public Uri BaseUri => new($"http://{Host}");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Runs first for every request; return true when it has answered.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    public FakeAuth Auth { get; set; } = FakeAuth.None;

    /// <summary>Answer ranged GETs with the whole blob (200), as some registries and CDNs do.</summary>
    public bool IgnoreRange { get; set; }

    public IEnumerable<RecordedRequest> RequestsTo(string pathPart)
        => Requests.Where(r => r.Path.Contains(pathPart, StringComparison.Ordinal));

    public static async Task<FakeRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var registry = new FakeRegistry(app);
        app.Run(registry.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        registry.Host = new Uri(address).Authority;
        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty,
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (Intercept is { } intercept && await intercept(context))
        {
            return;
        }

        if (request.Path.StartsWithSegments("/token"))
        {
            await HandleTokenAsync(context);
            return;
        }

        if (!await AuthorizedAsync(context))
        {
            return;
        }

        await HandleApiAsync(context);
    }
}

/// <summary>One request as the fake registry received it (headers by name, case-insensitive).</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
