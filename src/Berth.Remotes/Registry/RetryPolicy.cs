using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Registry;

/// <summary>
/// Retries what is transient (connection refused or reset, timeouts, 408, 429, 5xx) with exponential backoff and
/// jitter, honouring Retry-After; anything else is the caller's to report. Only idempotent requests come here with
/// more than one attempt: an upload step is restarted from the start of the upload instead.
/// </summary>
internal sealed class RetryPolicy(RegistryClientSettings settings, TimeProvider time, ILogger logger)
{
    public async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, string target,
        int maxAttempts, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await send(cancellationToken);
            }
            catch (Exception ex) when (attempt < maxAttempts && IsTransient(ex, cancellationToken))
            {
                var backoff = Backoff(attempt);
                RegistryLog.Retrying(logger, target, attempt, backoff, ex.Message);
                await Task.Delay(backoff, time, cancellationToken);
                continue;
            }

            if (attempt < maxAttempts && IsTransient(response.StatusCode) && DelayBeforeRetry(response, attempt) is { } delay)
            {
                RegistryLog.Retrying(logger, target, attempt, delay, $"{(int)response.StatusCode} {response.ReasonPhrase}");
                response.Dispose();
                await Task.Delay(delay, time, cancellationToken);
                continue;
            }

            return response;
        }
    }

    public TimeSpan Backoff(int attempt)
    {
        double exponential = settings.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        double capped = Math.Min(exponential, settings.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    public static bool IsTransient(HttpStatusCode status)
        => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Whether a failure to get an answer may go away: not a refused certificate nor an unknown host name.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // our own timeout fired
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.ResponseEnded
            or HttpRequestError.HttpProtocolError } => true,
        HttpRequestException { HttpRequestError: HttpRequestError.Unknown } http => http.InnerException is IOException or SocketException,
        IOException => true,
        _ => false,
    };

    // Retry-After is seconds or an HTTP date (RFC 9110 10.2.3); past the limit the wait is the user's to decide.
    private TimeSpan? DelayBeforeRetry(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan? asked = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (asked is null)
        {
            return Backoff(attempt);
        }

        return asked > settings.MaxRetryAfter ? null : asked < TimeSpan.Zero ? TimeSpan.Zero : asked;
    }
}
