using Berth.Api.Conversions;
using Berth.Core.Errors;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace Berth.Ttrpc.Protocol;

/// <summary>
/// ttrpc answers with google.rpc.Status, whose codes are gRPC's: errors cross it through the one table in
/// <see cref="ErrorCodes"/>, so each side sees the same exception type as over gRPC.
/// </summary>
internal static class StatusMapping
{
    public static Status Ok { get; } = new();

    public static Status Of(StatusCode code, string message) => new() { Code = (int)code, Message = message };

    /// <summary>The status a handler's failure answers with.</summary>
    public static Status FromException(Exception exception, TtrpcCallContext context) => exception switch
    {
        BerthException berth => Of(ErrorCodes.ToStatusCode(berth.Kind), berth.Message),
        OperationCanceledException when context.TimedOut => Of(StatusCode.DeadlineExceeded, $"{context.Method}: {DeadlineMessage}"),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested
            => Of(StatusCode.Cancelled, $"{context.Method}: the call was cancelled"),
        TimeoutException => Of(StatusCode.DeadlineExceeded, exception.Message),
        _ => Of(StatusCode.Unknown, exception.Message),
    };

    /// <summary>The exception a failed status becomes on the calling side; null for success.</summary>
    public static Exception? ToException(Status? status)
    {
        if (status is null || status.Code == (int)StatusCode.OK)
        {
            return null;
        }

        return (StatusCode)status.Code switch
        {
            StatusCode.Cancelled => new OperationCanceledException(status.Message),
            StatusCode.DeadlineExceeded => new TimeoutException(status.Message),
            var code => BerthException.Create(ErrorCodes.ToErrorKind(code), status.Message),
        };
    }

    private const string DeadlineMessage = "context deadline exceeded";
}
