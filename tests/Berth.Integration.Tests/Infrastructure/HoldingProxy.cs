using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>
/// A plain-HTTP reverse proxy on 127.0.0.1 in front of a plain-HTTP registry: it forwards every request, records
/// each one ("GET /v2/…"), and holds the answers to requests for one blob until <see cref="Release"/>, so that a
/// test can act while a pull is under way.
/// </summary>
public sealed class HoldingProxy : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly Uri _target;
    private readonly string _heldBlob;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _serving;

    private HoldingProxy(string registryHost, string heldDigest)
    {
        _target = new Uri($"http://{registryHost}");
        _heldBlob = $"/blobs/{heldDigest}";
        int port = FreePort();
        Host = $"127.0.0.1:{port}";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>127.0.0.1:port, the registry host to pull through.</summary>
    public string Host { get; }

    /// <summary>"METHOD path" of every request forwarded so far.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static HoldingProxy Start(string registryHost, string heldDigest) => new(registryHost, heldDigest);

    /// <summary>Lets the held answers (and all later ones) go.</summary>
    public void Release() => _released.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
        _upstream.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            _requests.Enqueue($"{request.HttpMethod} {request.RawUrl}");
            if (request.RawUrl?.Contains(_heldBlob, StringComparison.Ordinal) == true)
            {
                await _released.Task;
            }

            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(_target, request.RawUrl));
            foreach (string? name in request.Headers.AllKeys)
            {
                if (name is not null and not ("Host" or "Connection" or "Content-Length" or "Transfer-Encoding"))
                {
                    forward.Headers.TryAddWithoutValidation(name, request.Headers.GetValues(name) ?? []);
                }
            }

            using var answer = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
            {
                if (name is "Content-Length")
                {
                    response.ContentLength64 = long.Parse(values.First(), System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (name is not ("Transfer-Encoding" or "Connection" or "Keep-Alive"))
                {
                    response.Headers[name] = string.Join(',', values);
                }
            }

            await (await answer.Content.ReadAsStreamAsync()).CopyToAsync(response.OutputStream);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or HttpRequestException or ObjectDisposedException)
        {
            response.Abort(); // the client went away, or the registry did: the client sees a cut connection
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
