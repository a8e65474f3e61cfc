using Microsoft.Extensions.Logging;

namespace Berth.Storage.Content.Local;

internal static partial class LocalContentStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Restarting ingest {Ref}: {Reason}")]
    public static partial void IngestRestarted(ILogger logger, string @ref, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Could not remove the folder {Path} of committed or discarded ingest {Ref}")]
    public static partial void IngestCleanupFailed(ILogger logger, string @ref, string path, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Could not flush ingest {Ref} while closing its writer; resuming it re-reads what the disk holds")]
    public static partial void IngestFlushFailed(ILogger logger, string @ref, Exception exception);
}
