using Microsoft.Extensions.Logging;

namespace Berth.Storage.Metadata;

internal static partial class MetadataLog
{
    [LoggerMessage(1, LogLevel.Warning, "Could not remove snapshot {BackendKey} from snapshotter {Snapshotter}; the collector will retry")]
    public static partial void BackendRemoveFailed(ILogger logger, string snapshotter, string backendKey, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "Ignoring lease {Lease} expiry {Value} in namespace {Namespace}: not an RFC 3339 time")]
    public static partial void InvalidExpiry(ILogger logger, string @namespace, string lease, string value);

    [LoggerMessage(3, LogLevel.Warning, "Garbage collection could not remove {What} {Key} from the backend")]
    public static partial void SweepFailed(ILogger logger, string what, string key, Exception exception);
}
