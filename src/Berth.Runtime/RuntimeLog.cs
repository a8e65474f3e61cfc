using Microsoft.Extensions.Logging;

namespace Berth.Runtime;

/// <summary>The log events of the daemon's side of tasks.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1, LogLevel.Information, "shim {Id} ({Namespace}): {Line}")]
    public static partial void ShimLine(ILogger logger, string @namespace, string id, string line);

    [LoggerMessage(2, LogLevel.Warning, "Cleanup of the shim of {Id} ({Namespace}) warned: {Warnings}")]
    public static partial void ShimDeleteWarnings(ILogger logger, string @namespace, string id, string warnings);

    [LoggerMessage(3, LogLevel.Warning, "Could not unmount {Target} of bundle {Id}: {Reason}")]
    public static partial void UnmountFailed(ILogger logger, string id, string target, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Started shim {Binary} for {Id} ({Namespace}) at {Address}")]
    public static partial void ShimStarted(ILogger logger, string binary, string @namespace, string id, string address);

    [LoggerMessage(5, LogLevel.Information, "Reconnected to the shim of {Id} ({Namespace}) at {Address}")]
    public static partial void Reconnected(ILogger logger, string @namespace, string id, string address);

    [LoggerMessage(6, LogLevel.Warning, "The shim of {Id} ({Namespace}) at {Address} is gone ({Reason}): cleaning up its task")]
    public static partial void ShimGone(ILogger logger, string @namespace, string id, string address, string reason);
}
