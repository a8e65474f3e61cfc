using System.Net;
using System.Text;
using Berth.Core.Containers.Options;

namespace Berth.Engine;

/// <summary>
/// The container's own /etc/hostname, /etc/hosts and /etc/resolv.conf, as dockerd writes them: files in the container's
/// folder, bound over the image's (read-only with <c>--read-only</c>), unless the user mounts something there.
/// </summary>
internal static class EtcFiles
{
    public const string Hostname = "hostname";
    public const string Hosts = "hosts";
    public const string ResolvConf = "resolv.conf";

    // docker's fallback when the host names only resolvers on its own loopback, which the container cannot reach.
    private const string FallbackResolvers = "nameserver 8.8.8.8\nnameserver 8.8.4.4\n";

    private const string LoopbackHosts =
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\n" +
        "ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    /// <summary>Writes the three files into <paramref name="folder"/> and returns the spec with their binds added.</summary>
    public static ContainerSpecOptions Write(string folder, string hostname, ContainerSpecOptions spec, string hostResolvConf = "/etc/resolv.conf")
    {
        Directory.CreateDirectory(folder);
        bool hostNetwork = spec.NetworkNamespace == ContainerSpecOptions.HostNetwork;
        // The host's network: the host's names too. A network of its own: only loopback until networking gives it more.
        string hosts = hostNetwork && File.Exists("/etc/hosts") ? File.ReadAllText("/etc/hosts") : LoopbackHosts;
        var binds = new List<BindMount>(spec.Binds);
        var taken = spec.Binds.Select(b => b.Destination.TrimEnd('/'))
            .Concat(spec.Tmpfs.Select(t => t.Destination.TrimEnd('/')))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, text) in new[] { (Hostname, hostname + "\n"), (Hosts, hosts), (ResolvConf, Resolvers(hostResolvConf, hostNetwork)) })
        {
            string path = Path.Join(folder, name);
            File.WriteAllText(path, text);
            string destination = "/etc/" + name;
            if (!taken.Contains(destination) && !taken.Contains("/etc"))
            {
                binds.Add(new BindMount(path, destination) { ReadOnly = spec.ReadonlyRootfs, Recursive = false });
            }
        }

        return spec with { Binds = binds };
    }

    /// <summary>
    /// The host's resolv.conf; for a network of the container's own, without the resolvers on the host's loopback (docker's
    /// 8.8.8.8 and 8.8.4.4 when none is left). systemd-resolved's stub at 127.0.0.53 gives way to the file of its upstreams.
    /// </summary>
    public static string Resolvers(string hostResolvConf, bool hostNetwork)
    {
        string text = File.Exists(hostResolvConf) ? File.ReadAllText(hostResolvConf) : string.Empty;
        if (hostNetwork)
        {
            return text;
        }

        const string upstreams = "/run/systemd/resolve/resolv.conf";
        if (text.Contains("nameserver 127.0.0.53", StringComparison.Ordinal) && File.Exists(upstreams))
        {
            text = File.ReadAllText(upstreams);
        }

        var kept = new StringBuilder();
        bool anyResolver = false;
        foreach (string line in text.Split('\n'))
        {
            string[] words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words is ["nameserver", var address, ..])
            {
                if (IPAddress.TryParse(address.Split('%')[0], out var ip) && IPAddress.IsLoopback(ip))
                {
                    continue;
                }

                anyResolver = true;
            }

            kept.Append(line).Append('\n');
        }

        string result = kept.ToString().TrimEnd('\n');
        result = result.Length > 0 ? result + "\n" : string.Empty;
        return anyResolver ? result : result + FallbackResolvers;
    }
}
