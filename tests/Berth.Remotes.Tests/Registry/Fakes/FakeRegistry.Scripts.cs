using System.Net;
using System.Net.Sockets;
using Berth.Oci;
using Microsoft.AspNetCore.Http;

namespace Berth.Remotes.Tests.Registry.Fakes;

public sealed partial class FakeRegistry
{
    /// <summary>Answers the first <paramref name="times"/> requests that <paramref name="when"/> matches with <paramref name="answer"/>.</summary>
    public void InterceptFirst(int times, Func<HttpContext, bool> when, Func<HttpContext, Task> answer)
    {
        int left = times;
        Intercept = async context =>
        {
            if (!when(context) || Interlocked.Decrement(ref left) < 0)
            {
                return false;
            }

            await answer(context);
            return true;
        };
    }

    /// <summary>Flips a byte of a stored blob: same size, other digest.</summary>
    public void CorruptBlob(Digest digest) => _blobs[digest.ToString()][0] ^= 0xff;

    public static Func<HttpContext, bool> Is(string method, string pathPart)
        => context => context.Request.Method == method && (context.Request.Path.Value ?? string.Empty).Contains(pathPart, StringComparison.Ordinal);

    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => async context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(string.Empty);
    };

    /// <summary>Resets the connection without an answer.</summary>
    public static Func<HttpContext, Task> Reset { get; } = context =>
    {
        context.Abort();
        return Task.CompletedTask;
    };

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
