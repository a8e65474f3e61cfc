using Berth.Core.Errors;

namespace Berth.Shim.Cli;

/// <summary>
/// containerd's shim command line (runtime/v2/shim): Go-style flags (<c>-name value</c>, <c>-name=value</c>, one or
/// two dashes) then the action, <c>start</c> or <c>delete</c>; no action means serve. containerd starts the shim with
/// the bundle as the working folder, so <see cref="Bundle"/> defaults to it.
/// </summary>
internal sealed record ShimArguments
{
    private static readonly HashSet<string> BoolFlags = new(StringComparer.Ordinal) { "debug", "v" };

    public string Namespace { get; init; } = "";

    public string Id { get; init; } = "";

    /// <summary>The daemon's gRPC address (containerd's socket); events go back to its ttrpc twin.</summary>
    public string Address { get; init; } = "";

    public string PublishBinary { get; init; } = "containerd";

    public string Socket { get; init; } = "";

    /// <summary>-listen-fd: the descriptor of a socket that already listens, handed down by <c>start</c>; 0 for none.</summary>
    public int ListenFd { get; init; }

    public string Bundle { get; init; } = "";

    public bool Debug { get; init; }

    public bool Version { get; init; }

    /// <summary><c>start</c>, <c>delete</c>, or empty to serve.</summary>
    public string Action { get; init; } = "";

    public static ShimArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ShimArguments();
        int i = 0;
        for (; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                i++;
                break;
            }

            if (arg.Length < 2 || arg[0] != '-')
            {
                break;
            }

            string name = arg.TrimStart('-');
            string? value = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (value is null && !BoolFlags.Contains(name))
            {
                value = ++i < args.Count ? args[i] : throw new InvalidArgumentException($"flag -{name} needs a value");
            }

            parsed = parsed.With(name, value);
        }

        return parsed with { Action = i < args.Count ? args[i] : "" };
    }

    private ShimArguments With(string name, string? value) => name switch
    {
        "namespace" => this with { Namespace = value! },
        "id" => this with { Id = value! },
        "address" => this with { Address = value! },
        "publish-binary" => this with { PublishBinary = value! },
        "socket" => this with { Socket = value! },
        "listen-fd" => this with { ListenFd = int.Parse(value!, System.Globalization.CultureInfo.InvariantCulture) },
        "bundle" => this with { Bundle = value! },
        "debug" => this with { Debug = value is null || bool.Parse(value) },
        "v" => this with { Version = value is null || bool.Parse(value) },
        _ => throw new InvalidArgumentException($"unknown flag -{name}: berth-shim takes -namespace, -id, -address, -publish-binary, -socket, -listen-fd, -bundle, -debug, -v"),
    };

    /// <summary>The bundle: -bundle, else the working folder.</summary>
    public string BundleOrWorkingFolder => Bundle.Length > 0 ? Bundle : Directory.GetCurrentDirectory();
}
