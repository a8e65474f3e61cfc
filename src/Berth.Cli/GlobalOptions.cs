using System.CommandLine;
using Berth.Client;

namespace Berth.Cli;

/// <summary>The options every command takes, as nerdctl's: the daemon's socket and the namespace.</summary>
internal static class GlobalOptions
{
    public static Option<string> Address { get; } = new("--address", "-a", "--host", "-H")
    {
        Description = "berthd's socket [$BERTH_ADDRESS]",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BERTH_ADDRESS") is { Length: > 0 } a ? a : BerthClient.DefaultAddress,
    };

    public static Option<string> Namespace { get; } = new("--namespace", "-n")
    {
        Description = "The namespace to work in [$BERTH_NAMESPACE]",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BERTH_NAMESPACE") is { Length: > 0 } n ? n : BerthClient.DefaultNamespace,
    };

    /// <summary>A client for the command being run; unix:// prefixes are accepted as docker's -H takes them.</summary>
    public static BerthClient Connect(ParseResult parsed)
    {
        string address = parsed.GetValue(Address)!;
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            address = address["unix://".Length..];
        }

        return BerthClient.Connect(address, parsed.GetValue(Namespace)!);
    }
}
