using System.Text.Json;

namespace Berth.Operations.Containers;

internal static partial class ContainerInspectWriter
{
    // The default network's endpoint, which dockerd keeps at the top for old clients.
    private static readonly string[] DefaultEndpoint =
        ["EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress", "IPPrefixLen", "IPv6Gateway", "MacAddress"];

    // The same members per network, in the order dockerd gives them there.
    private static readonly string[] NetworkEndpoint =
    [
        "NetworkID", "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "MacAddress",
    ];

    // NetworkSettings with every member dockerd has, empty: berth's containers have no network (none) or the host's,
    // so there is no endpoint, address or sandbox to show, but a template reading one gets "" rather than <no value>.
    private static void WriteNetworkSettings(Utf8JsonWriter json, string network)
    {
        json.WriteStartObject("NetworkSettings");
        json.WriteString("Bridge", string.Empty);
        json.WriteString("SandboxID", string.Empty);
        json.WriteBoolean("HairpinMode", false);
        json.WriteString("LinkLocalIPv6Address", string.Empty);
        json.WriteNumber("LinkLocalIPv6PrefixLen", 0);
        json.WriteStartObject("Ports");
        json.WriteEndObject();
        json.WriteString("SandboxKey", string.Empty);
        json.WriteNull("SecondaryIPAddresses");
        json.WriteNull("SecondaryIPv6Addresses");
        foreach (string name in DefaultEndpoint)
        {
            Empty(json, name);
        }

        json.WriteStartObject("Networks");
        json.WriteStartObject(network);
        json.WriteNull("IPAMConfig");
        json.WriteNull("Links");
        json.WriteNull("Aliases");
        foreach (string name in NetworkEndpoint)
        {
            Empty(json, name);
        }

        json.WriteNull("DriverOpts");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // An address's prefix length is a number; every other member a string.
    private static void Empty(Utf8JsonWriter json, string name)
    {
        if (name.EndsWith("PrefixLen", StringComparison.Ordinal))
        {
            json.WriteNumber(name, 0);
        }
        else
        {
            json.WriteString(name, string.Empty);
        }
    }
}
