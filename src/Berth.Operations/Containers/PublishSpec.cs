using System.Globalization;
using System.Net;
using Berth.Core.Errors;

namespace Berth.Operations.Containers;

/// <summary>
/// docker's <c>-p [ip:][hostPort:]containerPort[/protocol]</c>, ports or ranges (<c>8000-8010</c>), read to refuse a
/// wrong form in docker's words before anything else is said about it.
/// </summary>
internal static class PublishSpec
{
    private static readonly string[] Protocols = ["tcp", "udp", "sctp"];

    /// <summary>Checks the form; an <see cref="InvalidArgumentException"/> names the part that is wrong and the form.</summary>
    public static void Check(string text)
    {
        string spec = text;
        string protocol = "tcp";
        int slash = spec.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = spec[(slash + 1)..];
            spec = spec[..slash];
        }

        if (!Protocols.Contains(protocol.ToLowerInvariant()))
        {
            throw Invalid($"invalid proto: {protocol}");
        }

        // An IPv6 address comes in brackets: [::1]:8080:80.
        string ip = string.Empty;
        if (spec.StartsWith('[') && spec.IndexOf(']', StringComparison.Ordinal) is > 0 and var close)
        {
            ip = spec[1..close];
            spec = spec[(close + 1)..].TrimStart(':');
        }

        string[] parts = spec.Split(':');
        if (parts.Length > 3 || (ip.Length > 0 && parts.Length > 2))
        {
            throw Invalid($"invalid port specification: \"{text}\"");
        }

        string container = parts[^1];
        string host = parts.Length >= 2 ? parts[^2] : string.Empty;
        ip = parts.Length == 3 ? parts[0] : ip;
        // .NET also reads inet_aton's short forms (1.2.3); docker wants four parts or an IPv6 address.
        if (ip.Length > 0 && !(IPAddress.TryParse(ip, out _) && (ip.Contains(':', StringComparison.Ordinal) || ip.Split('.').Length == 4)))
        {
            throw Invalid($"invalid IP address: {ip}");
        }

        if (!IsPortOrRange(container))
        {
            throw Invalid($"invalid containerPort: {container}");
        }

        if (host.Length > 0 && !IsPortOrRange(host))
        {
            throw Invalid($"invalid hostPort: {host}");
        }
    }

    private static bool IsPortOrRange(string text)
        => text.Split('-') switch
        {
            [var one] => IsPort(one),
            [var first, var last] => IsPort(first) && IsPort(last) && int.Parse(first, CultureInfo.InvariantCulture) <= int.Parse(last, CultureInfo.InvariantCulture),
            _ => false,
        };

    private static bool IsPort(string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535;

    private static InvalidArgumentException Invalid(string message)
        => new($"{message}: publish as [ip:][hostPort:]containerPort[/tcp|udp|sctp], such as 8080:80 or 127.0.0.1:8000-8010:80-90/udp");
}
