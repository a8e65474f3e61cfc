namespace Berth.Core.Errors;

/// <summary>
/// The closed set of failures berth reports across every seam and over the wire (containerd's errdefs).
/// The gRPC layer maps each kind to one status code and back, so that <c>catch (NotFoundException)</c>
/// works the same in the daemon and in a client.
/// </summary>
public abstract class BerthException : Exception
{
    private protected BerthException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Which member of the closed set this is.</summary>
    public abstract ErrorKind Kind { get; }

    /// <summary>Makes the exception of the given kind.</summary>
    public static BerthException Create(ErrorKind kind, string message, Exception? inner = null) => kind switch
    {
        ErrorKind.InvalidArgument => new InvalidArgumentException(message, inner),
        ErrorKind.NotFound => new NotFoundException(message, inner),
        ErrorKind.AlreadyExists => new AlreadyExistsException(message, inner),
        ErrorKind.FailedPrecondition => new FailedPreconditionException(message, inner),
        ErrorKind.Unavailable => new UnavailableException(message, inner),
        ErrorKind.Unimplemented => new UnimplementedException(message, inner),
        ErrorKind.ResourceExhausted => new ResourceExhaustedException(message, inner),
        ErrorKind.PermissionDenied => new PermissionDeniedException(message, inner),
        ErrorKind.Aborted => new AbortedException(message, inner),
        _ => new InternalException(message, inner),
    };
}

/// <summary>The members of the closed error set.</summary>
public enum ErrorKind
{
    /// <summary>A failure with no better description.</summary>
    Internal,
    /// <summary>The request is malformed: fix the input.</summary>
    InvalidArgument,
    /// <summary>The object does not exist.</summary>
    NotFound,
    /// <summary>An object of that name or digest exists already.</summary>
    AlreadyExists,
    /// <summary>The object is not in a state that allows the operation.</summary>
    FailedPrecondition,
    /// <summary>The resource is busy or out of reach; retrying may succeed.</summary>
    Unavailable,
    /// <summary>The operation is not supported.</summary>
    Unimplemented,
    /// <summary>A disk, quota or other limit is exhausted.</summary>
    ResourceExhausted,
    /// <summary>The caller may not do this.</summary>
    PermissionDenied,
    /// <summary>A concurrent change got in the way; retrying may succeed.</summary>
    Aborted,
}
