using Microsoft.Extensions.Logging;

namespace Berth.Shim.Tasks;

internal static partial class ShimLog
{
    [LoggerMessage(1, LogLevel.Error, "Publishing the event {Topic} failed")]
    public static partial void PublishFailed(ILogger logger, string topic, Exception exception);

    [LoggerMessage(2, LogLevel.Error, "Handling the exit of pid {Pid} in container {Id} failed")]
    public static partial void ExitFailed(ILogger logger, int pid, string id, Exception exception);

    [LoggerMessage(3, LogLevel.Warning, "Killing the processes left in container {Id} after its init exited failed")]
    public static partial void KillAllFailed(ILogger logger, string id, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Unmounting the rootfs {Path} failed")]
    public static partial void UnmountFailed(ILogger logger, string path, Exception exception);
}
