namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.NotFound"/>.</summary>
public sealed class NotFoundException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.NotFound;
}
