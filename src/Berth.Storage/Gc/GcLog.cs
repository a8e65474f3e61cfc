using Microsoft.Extensions.Logging;

namespace Berth.Storage.Gc;

internal static partial class GcLog
{
    [LoggerMessage(1, LogLevel.Debug,
        "Garbage collected {Content} content, {Snapshots} snapshots, {Ingests} ingests and {Leases} leases in {Duration}")]
    public static partial void Collected(ILogger logger, int content, int snapshots, int ingests, int leases, TimeSpan duration);

    [LoggerMessage(2, LogLevel.Error, "Garbage collection failed; it will be tried again")]
    public static partial void CollectionFailed(ILogger logger, Exception exception);
}
