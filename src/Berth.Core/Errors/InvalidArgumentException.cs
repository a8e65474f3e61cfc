namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.InvalidArgument"/>.</summary>
public sealed class InvalidArgumentException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.InvalidArgument;
}
