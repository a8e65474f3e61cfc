namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.ResourceExhausted"/>.</summary>
public sealed class ResourceExhaustedException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.ResourceExhausted;
}
