namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.AlreadyExists"/>.</summary>
public sealed class AlreadyExistsException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.AlreadyExists;
}
