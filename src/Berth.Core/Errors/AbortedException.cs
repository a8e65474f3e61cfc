namespace Berth.Core.Errors;

/// <summary>See <see cref="ErrorKind.Aborted"/>.</summary>
public sealed class AbortedException(string message, Exception? inner = null) : BerthException(message, inner)
{
    /// <inheritdoc />
    public override ErrorKind Kind => ErrorKind.Aborted;
}
