namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.Unavailable"/>.</summary>
public sealed class UnavailableException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Unavailable;
}
