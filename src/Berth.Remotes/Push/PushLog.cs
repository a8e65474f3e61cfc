using Microsoft.Extensions.Logging;

namespace Berth.Remotes.Push;

/// <summary>The push's log events.</summary>
internal static partial class PushLog
{
    [LoggerMessage(1, LogLevel.Information, "Pushing {Reference} from namespace {Namespace}")]
    public static partial void Started(ILogger logger, string reference, string @namespace);

    [LoggerMessage(2, LogLevel.Information, "Pushed {Reference} ({Digest}) in {Milliseconds} ms")]
    public static partial void Pushed(ILogger logger, string reference, string digest, long milliseconds);

    [LoggerMessage(3, LogLevel.Warning, "Push of {Reference} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string reference, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Blob {Digest} of {Reference}: {Outcome}")]
    public static partial void Blob(ILogger logger, string digest, string reference, string outcome);

    [LoggerMessage(5, LogLevel.Warning, "Pushing {Reference} as a reduced index {Digest}: the local store lacks other platforms' content")]
    public static partial void Reduced(ILogger logger, string reference, string digest);

    [LoggerMessage(6, LogLevel.Warning, "Could not record {Repository} as a source of {Digest}: {Reason}")]
    public static partial void LabelFailed(ILogger logger, string repository, string digest, string reason);
}
