using Berth.Core.Errors;
using Grpc.Core;

namespace Berth.Api.Conversions;

/// <summary>
/// The one table between berth's closed error set and gRPC status codes (containerd's errgrpc). The daemon maps
/// outgoing errors with it and the client maps incoming ones back, so each side sees the same exception type.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The status code for an error kind.</summary>
    public static StatusCode ToStatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => StatusCode.InvalidArgument,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
        ErrorKind.Unavailable => StatusCode.Unavailable,
        ErrorKind.Unimplemented => StatusCode.Unimplemented,
        ErrorKind.ResourceExhausted => StatusCode.ResourceExhausted,
        ErrorKind.PermissionDenied => StatusCode.PermissionDenied,
        ErrorKind.Aborted => StatusCode.Aborted,
        _ => StatusCode.Internal,
    };

    /// <summary>The error kind for a status code (OutOfRange, as containerd, counts as a bad argument).</summary>
    public static ErrorKind ToErrorKind(StatusCode code) => code switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => ErrorKind.InvalidArgument,
        StatusCode.NotFound => ErrorKind.NotFound,
        StatusCode.AlreadyExists => ErrorKind.AlreadyExists,
        StatusCode.FailedPrecondition => ErrorKind.FailedPrecondition,
        StatusCode.Unavailable => ErrorKind.Unavailable,
        StatusCode.Unimplemented => ErrorKind.Unimplemented,
        StatusCode.ResourceExhausted => ErrorKind.ResourceExhausted,
        StatusCode.PermissionDenied or StatusCode.Unauthenticated => ErrorKind.PermissionDenied,
        StatusCode.Aborted => ErrorKind.Aborted,
        _ => ErrorKind.Internal,
    };

    /// <summary>The exception a client raises for a failed call.</summary>
    public static Exception FromRpcException(RpcException ex) => ex.StatusCode switch
    {
        StatusCode.Cancelled => new OperationCanceledException(ex.Status.Detail, ex),
        StatusCode.DeadlineExceeded => new TimeoutException(ex.Status.Detail, ex),
        _ => BerthException.Create(ToErrorKind(ex.StatusCode), ex.Status.Detail, ex),
    };
}
