using Microsoft.Extensions.Logging;

namespace Berth.Shim.Tasks;

internal static partial class ShimLog
{
    [LoggerMessage(20, LogLevel.Warning, "The cgroup of container {Id} was not found: its stats and OOM kills are not reported")]
    public static partial void CgroupNotFound(ILogger logger, string id, Exception exception);

    [LoggerMessage(21, LogLevel.Warning, "Watching container {Id} for OOM kills failed: no /tasks/oom event will be published for it")]
    public static partial void OomWatchFailed(ILogger logger, string id, Exception exception);
}
