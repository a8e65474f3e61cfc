using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Pull;

/// <summary>The pull's log events.</summary>
internal static partial class PullLog
{
    [LoggerMessage(1, LogLevel.Information, "Pulling {Reference} for {Platform} in namespace {Namespace}")]
    public static partial void Started(ILogger logger, string reference, string platform, string @namespace);

    [LoggerMessage(2, LogLevel.Information, "Pulled {Reference} ({Digest}) in {Milliseconds} ms")]
    public static partial void Pulled(ILogger logger, string reference, string digest, long milliseconds);

    [LoggerMessage(3, LogLevel.Warning, "Pull of {Reference} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string reference, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Download of blob {Digest} from {Repository} was cut off after {Written} bytes (attempt {Attempt}); resuming")]
    public static partial void FetchInterrupted(ILogger logger, string digest, string repository, long written, int attempt, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Resuming blob {Digest} from {Repository} at byte {Offset}")]
    public static partial void Resuming(ILogger logger, string digest, string repository, long offset);

    [LoggerMessage(6, LogLevel.Warning, "Could not discard ingest {Ref}: {Reason}")]
    public static partial void DiscardFailed(ILogger logger, string @ref, string reason);

    [LoggerMessage(7, LogLevel.Warning, "Could not remove extraction snapshot {Key}: {Reason}")]
    public static partial void RemoveFailed(ILogger logger, string key, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Could not delete lease {Lease} of a pull; it expires by itself: {Reason}")]
    public static partial void LeaseDeleteFailed(ILogger logger, string lease, string reason);

    [LoggerMessage(9, LogLevel.Debug, "Unpacked layer {Digest} as snapshot {ChainId}")]
    public static partial void Unpacked(ILogger logger, string digest, string chainId);

    [LoggerMessage(10, LogLevel.Warning, "Skipped the distribution source label of {Digest}: {Reason}")]
    public static partial void LabelSkipped(ILogger logger, string digest, string reason);

    [LoggerMessage(11, LogLevel.Debug, "Unpacking {Digest} as it arrived failed ({Reason}); unpacking it from the store once downloaded")]
    public static partial void FollowFailed(ILogger logger, string digest, string reason);
}
