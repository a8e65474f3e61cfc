namespace Berth.Ttrpc;

/// <summary>Socket addresses as containerd writes them: <c>unix:///run/x.sock</c> or a bare path.</summary>
public static class TtrpcAddress
{
    private const string UnixScheme = "unix://";

    /// <summary>The socket path an address names.</summary>
    public static string ToPath(string address)
        => address.StartsWith(UnixScheme, StringComparison.Ordinal) ? address[UnixScheme.Length..] : address;
}
