namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.Internal"/>.</summary>
public sealed class InternalException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Internal;
}
