using System.Runtime.InteropServices;
using Berth.Client;

namespace Berth.Operations.Info;

/// <summary>What `berth version` and `berth info` do.</summary>
public static class SystemOperations
{
    /// <summary>Prints the client's version, then the server's; the server part fails as docker's does when berthd is down.</summary>
    public static async Task VersionAsync(IBerthClient client, VersionOptions options, CancellationToken cancellationToken)
    {
        var output = options.Stdout;
        await output.WriteLineAsync("Client:");
        await WriteFieldAsync(output, 1, "Version", options.ClientVersion);
        await WriteFieldAsync(output, 1, "Git commit", options.ClientRevision);
        await WriteFieldAsync(output, 1, ".NET version", Environment.Version.ToString());
        await WriteFieldAsync(output, 1, "OS/Arch", $"linux/{Architecture}");
        await output.WriteLineAsync();
        var server = await client.VersionAsync(cancellationToken);
        await output.WriteLineAsync("Server:");
        await output.WriteLineAsync(" berthd:");
        await WriteFieldAsync(output, 2, "Version", server.Version);
        await WriteFieldAsync(output, 2, "GitCommit", server.Revision);
    }

    /// <summary>Prints what the daemon and the host are, in docker info's shape.</summary>
    public static async Task InfoAsync(IBerthClient client, InfoOptions options, CancellationToken cancellationToken)
    {
        var version = await client.VersionAsync(cancellationToken);
        string uuid = await client.ServerUuidAsync(cancellationToken);
        var plugins = await client.PluginsAsync(cancellationToken: cancellationToken);
        var namespaces = await client.Namespaces.ListAsync(cancellationToken);
        var snapshotters = plugins.Where(p => p.Type == "io.containerd.snapshotter.v1").ToList();
        string root = plugins.FirstOrDefault(p => p.Type == "io.containerd.metadata.v1")?.Exports.GetValueOrDefault("root") ?? "unknown";

        var output = options.Stdout;
        await output.WriteLineAsync("Client:");
        await WriteFieldAsync(output, 1, "Namespace", client.Namespace);
        await WriteFieldAsync(output, 1, "Address", $"unix://{client.Address}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Server:");
        await output.WriteLineAsync($" Server Version: {version.Version}");
        await output.WriteLineAsync($" Namespaces: {namespaces.Count}");
        await output.WriteLineAsync($" Storage Driver: {string.Join(", ", snapshotters.Where(s => s.InitError is null).Select(s => s.Id))}");
        foreach (var failed in snapshotters.Where(s => s.InitError is not null))
        {
            await output.WriteLineAsync($"  {failed.Id}: not available: {failed.InitError}");
        }

        await output.WriteLineAsync($" Plugins: {plugins.Count(p => p.InitError is null)} loaded, {plugins.Count(p => p.InitError is not null)} failed");
        await output.WriteLineAsync($" Kernel Version: {ReadFirstLine("/proc/sys/kernel/osrelease")}");
        await output.WriteLineAsync($" Operating System: {OperatingSystemName()}");
        await output.WriteLineAsync($" Architecture: {Architecture}");
        await output.WriteLineAsync($" CPUs: {Environment.ProcessorCount}");
        await output.WriteLineAsync($" Root Dir: {root}");
        await output.WriteLineAsync($" ID: {uuid}");
    }

    internal static string Architecture => RuntimeInformation.OSArchitecture switch
    {
        global::System.Runtime.InteropServices.Architecture.X64 => "amd64",
        global::System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    // docker version aligns its values in one column, as Go's tabwriter does.
    private static Task WriteFieldAsync(TextWriter output, int indent, string key, string value)
        => output.WriteLineAsync($"{new string(' ', indent)}{key + ":",-18}{value}");

    private static string ReadFirstLine(string path) => File.Exists(path) ? File.ReadLines(path).FirstOrDefault() ?? string.Empty : string.Empty;

    private static string OperatingSystemName()
    {
        const string osRelease = "/etc/os-release";
        string? pretty = File.Exists(osRelease)
            ? File.ReadLines(osRelease).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            : null;
        return pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
    }

}
