using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Registry;

internal static partial class RegistryLog
{
    [LoggerMessage(1, LogLevel.Debug, "Retrying {Target} after attempt {Attempt} in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string target, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(2, LogLevel.Information, "{Host} does not answer HTTPS ({Reason}); using plain HTTP, as it is marked insecure")]
    public static partial void FallingBackToHttp(ILogger logger, string host, string reason);

    [LoggerMessage(3, LogLevel.Information, "Mirror {Mirror} failed, trying the next endpoint: {Reason}")]
    public static partial void MirrorFailed(ILogger logger, string mirror, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Resuming {Digest} at byte {Offset}: {Reason}")]
    public static partial void Resuming(ILogger logger, string digest, long offset, string reason);

    [LoggerMessage(5, LogLevel.Information, "Restarting the upload of {Digest} (attempt {Attempt}): {Reason}")]
    public static partial void RestartingUpload(ILogger logger, string digest, int attempt, string reason);

    [LoggerMessage(6, LogLevel.Debug, "Fetched a token from {Realm} for [{Scopes}], valid until {ExpiresAt}")]
    public static partial void TokenFetched(ILogger logger, string realm, string scopes, DateTimeOffset expiresAt);

    [LoggerMessage(7, LogLevel.Debug, "Following a redirect from {From} to {To}")]
    public static partial void Redirecting(ILogger logger, string from, string to);
}
