namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.Unimplemented"/>.</summary>
public sealed class UnimplementedException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Unimplemented;
}
