using Microsoft.Extensions.Logging;

namespace Berth.Storage.Snapshots;

internal static partial class SnapshotterLog
{
    [LoggerMessage(1, LogLevel.Debug, "Created {Kind} snapshot {Key} as folder {Id}")]
    public static partial void Created(ILogger logger, string kind, string key, long id);

    [LoggerMessage(2, LogLevel.Debug, "Committed snapshot {Key} as {Name}")]
    public static partial void Committed(ILogger logger, string key, string name);

    [LoggerMessage(3, LogLevel.Debug, "Removed snapshot {Key}")]
    public static partial void Removed(ILogger logger, string key);

    [LoggerMessage(4, LogLevel.Warning, "Could not delete {Path}; the next cleanup will retry")]
    public static partial void DeleteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(5, LogLevel.Information, "Cleanup removed {Count} folders of snapshots that no longer exist")]
    public static partial void CleanedUp(ILogger logger, int count);

    [LoggerMessage(6, LogLevel.Debug, "Did not copy extended attribute {Name} of {Path}")]
    public static partial void XattrNotCopied(ILogger logger, string name, string path, Exception exception);

    [LoggerMessage(7, LogLevel.Debug, "Did not copy socket {Path}: a socket is only meaningful while its server runs")]
    public static partial void SocketSkipped(ILogger logger, string path);

    [LoggerMessage(8, LogLevel.Warning, "Overlay is not usable under {Root}")]
    public static partial void OverlayUnsupported(ILogger logger, string root, Exception exception);
}
