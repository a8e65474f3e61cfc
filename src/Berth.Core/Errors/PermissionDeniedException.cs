namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.PermissionDenied"/>.</summary>
public sealed class PermissionDeniedException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.PermissionDenied;
}
