using Microsoft.Extensions.Logging;

namespace Berth.Storage.Diff;

/// <summary>The diff service's log events.</summary>
internal static partial class DiffLog
{
    [LoggerMessage(1, LogLevel.Warning, "Ignored xattr {Name} of layer entry {Entry}: {Reason}")]
    public static partial void IgnoredXattr(ILogger logger, string entry, string name, string reason);

    [LoggerMessage(2, LogLevel.Debug, "Ignored layer entry {Entry}: {Reason}")]
    public static partial void IgnoredEntry(ILogger logger, string entry, string reason);

    [LoggerMessage(3, LogLevel.Error, "Rollback of a failed layer apply in {Root}: could not {Step}")]
    public static partial void RollbackStepFailed(ILogger logger, string root, string step, Exception exception);

    [LoggerMessage(4, LogLevel.Information, "Layer {Digest} failed to apply to {Root} and was rolled back: {Reason}")]
    public static partial void RolledBack(ILogger logger, string digest, string root, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Applied layer {Digest} to {Root} ({Mode}): {Size} bytes of tar, {DiffId}")]
    public static partial void Applied(ILogger logger, string digest, string root, string mode, long size, string diffId);

    [LoggerMessage(7, LogLevel.Debug, "Wrote diff {Digest} ({MediaType}, {Size} bytes), uncompressed {DiffId}")]
    public static partial void Compared(ILogger logger, string digest, string mediaType, long size, string diffId);
}
