namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.FailedPrecondition"/>.</summary>
public sealed class FailedPreconditionException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.FailedPrecondition;
}
