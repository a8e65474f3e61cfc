namespace Berth.Runtime.Shims;

/// <summary>A shim's ttrpc socket, as the address it prints (<c>unix:///path</c>) names it.</summary>
public static class ShimSocket
{
    /// <summary>The socket path of an address (<c>unix://</c> taken off).</summary>
    public static string PathOf(string address)
        => address.StartsWith("unix://", StringComparison.Ordinal) ? address["unix://".Length..] : address;
}
