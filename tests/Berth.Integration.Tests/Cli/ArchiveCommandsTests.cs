using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth save`, `load` and `import` against berthd, and their interoperability with skopeo (another implementation
/// of docker's and the OCI archive formats): archives berth writes are read by skopeo, archives skopeo writes load.
/// </summary>
public sealed class ArchiveCommandsTests(EngineFixture engine)
{
    private const string Skopeo = "/usr/bin/skopeo";

    [Fact]
    public async Task SaveRmiLoad_TwoImages_SameIdsAndDigests()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await PullWithCtrAsync(ns, engine.LayeredRef);
        await PullWithCtrAsync(ns, engine.BusyboxRef);
        string before = await ListAsync(ns);
        using var folder = new TempDirectory("save");
        string archive = folder.Combine("images.tar");

        var save = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "save", "-o", archive, engine.LayeredRef, engine.BusyboxRef);
        Assert.True(save.ExitCode == 0, save.ToString());
        Assert.Equal(0, (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "rmi", engine.LayeredRef, engine.BusyboxRef)).ExitCode);
        Assert.Equal(string.Empty, await ListAsync(ns));

        var load = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "load", "-i", archive);

        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Equal($"Loaded image: {engine.LayeredRef}\nLoaded image: {engine.BusyboxRef}\n", load.Stdout);
        Assert.Equal(before, await ListAsync(ns));
    }

    [Fact]
    public async Task SavePipedToLoad_GzipThroughStdoutAndStdin_TheImageComesBackUnderItsName()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await PullWithCtrAsync(ns, engine.BusyboxRef);
        string before = await ListAsync(ns);
        string berth = $"{BerthBinaries.Cli} --address {engine.Daemon.Address} -n";
        (await ProcessRunner.RunAsync("/bin/sh", ["-c", $"{berth} {ns} save {engine.BusyboxRef} | gzip | {berth} {ns}-copy load"]))
            .EnsureSuccess("save | load");

        Assert.Equal(before, await ListAsync(ns + "-copy"));
    }

    [Fact]
    public async Task Save_ReadBySkopeo_AsDockerAndAsOciArchive()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await PullWithCtrAsync(ns, engine.LayeredRef);
        string target = Target(await ListAsync(ns));
        using var folder = new TempDirectory("save");
        string archive = folder.Combine("layered.tar");
        Assert.Equal(0, (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "save", "-o", archive, engine.LayeredRef)).ExitCode);

        var oci = await ProcessRunner.RunAsync(Skopeo, ["copy", "--quiet", $"oci-archive:{archive}", $"oci:{folder.Combine("oci")}:copy"]);
        var docker = await ProcessRunner.RunAsync(Skopeo, ["copy", "--quiet", $"docker-archive:{archive}", $"docker-archive:{folder.Combine("copy.tar")}:copied/by-skopeo:v1"]);

        Assert.True(oci.ExitCode == 0, oci.ToString());
        Assert.True(docker.ExitCode == 0, docker.ToString());
        // The OCI copy keeps berth's manifest as it is: same digest as in the registry.
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(folder.Combine("oci", "index.json"), TestContext.Current.CancellationToken));
        Assert.Equal(target, index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString());
        // skopeo's docker archive of berth's loads back as the same image (same config, so the same id).
        string id = Id(await ListAsync(ns));
        var load = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "load", "-i", folder.Combine("copy.tar"));
        Assert.True(load.ExitCode == 0, load.ToString());
        Assert.Equal("Loaded image: copied/by-skopeo:v1\n", load.Stdout);
        Assert.Contains($"copied/by-skopeo:v1 {id}", await ListAsync(ns), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ArchivesSkopeoWroteFromTheRegistry_RegistryDigests()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        using var folder = new TempDirectory("skopeo");
        string source = $"docker://{engine.LayeredRef}";
        string manifestDigest = (await ProcessRunner.RunAsync(Skopeo, ["inspect", "--tls-verify=false", "--format", "{{.Digest}}", source])).EnsureSuccess("skopeo inspect").Stdout.Trim();
        using var manifest = JsonDocument.Parse((await ProcessRunner.RunAsync(Skopeo, ["inspect", "--tls-verify=false", "--raw", source])).EnsureSuccess("skopeo inspect").Stdout);
        string config = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
        (await ProcessRunner.RunAsync(Skopeo, ["copy", "--quiet", "--src-tls-verify=false", source, $"docker-archive:{folder.Combine("d.tar")}:from/docker-archive:v1"]))
            .EnsureSuccess("skopeo copy docker-archive");
        (await ProcessRunner.RunAsync(Skopeo, ["copy", "--quiet", "--src-tls-verify=false", source, $"oci-archive:{folder.Combine("o.tar")}:example.com/from/oci-archive:v1"]))
            .EnsureSuccess("skopeo copy oci-archive");

        var docker = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "load", "-i", folder.Combine("d.tar"));
        var oci = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "load", "--input", folder.Combine("o.tar"), "-q");

        Assert.Equal((0, "Loaded image: from/docker-archive:v1\n"), (docker.ExitCode, docker.Stdout));
        Assert.Equal((0, "Loaded image: example.com/from/oci-archive:v1\n"), (oci.ExitCode, oci.Stdout));
        string listing = await ListAsync(ns);
        Assert.Contains($"from/docker-archive:v1 {config}", listing, StringComparison.Ordinal);
        Assert.Contains($"example.com/from/oci-archive:v1 {config} {manifestDigest}", listing, StringComparison.Ordinal);
        var mounted = await MountAsync(ns, "example.com/from/oci-archive:v1", folder.Combine("rootfs"));
        Assert.Equal("two\n", mounted["etc/second"]);
        Assert.False(mounted.ContainsKey("etc/added"));
    }

    [Fact]
    public async Task Load_TruncatedArchive_ClearErrorAndNothingLeft()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await PullWithCtrAsync(ns, engine.LayeredRef);
        using var folder = new TempDirectory("save");
        string archive = folder.Combine("layered.tar");
        Assert.Equal(0, (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "save", "-o", archive, engine.LayeredRef)).ExitCode);
        byte[] bytes = await File.ReadAllBytesAsync(archive, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(archive, bytes[..(bytes.Length / 2)], TestContext.Current.CancellationToken);
        string empty = Names.Namespace() + "-empty";

        var load = await BerthCli.RunAsync(engine.Daemon, "-n", empty, "load", "-i", archive);

        Assert.Equal(1, load.ExitCode);
        Assert.StartsWith("Error response from daemon: ", load.Stderr, StringComparison.Ordinal);
        Assert.Contains("archive", load.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await Infrastructure.Ctr.RunAsync(engine.Daemon, empty, "content", "ls", "-q")).Stdout);
        Assert.Equal(string.Empty, (await Infrastructure.Ctr.RunAsync(engine.Daemon, empty, "images", "ls", "-q")).Stdout);
    }

    [Fact]
    public async Task Import_Tarball_ImageWhoseRootfsHasTheFiles()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        using var folder = new TempDirectory("import");
        string tarball = folder.Combine("rootfs.tar.gz");
        var tree = Directory.CreateDirectory(folder.Combine("tree"));
        Directory.CreateDirectory(Path.Combine(tree.FullName, "etc"));
        await File.WriteAllTextAsync(Path.Combine(tree.FullName, "etc", "motd"), "imported\n", TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(tree.FullName, "link"), "etc/motd");
        (await ProcessRunner.RunAsync("/usr/bin/tar", ["-C", tree.FullName, "-czf", tarball, "."])).EnsureSuccess("tar");

        var import = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "import", "-c", "CMD [\"/bin/sh\"]", "-m", "by a test", tarball, "imported:v1");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", import.Stdout);
        Assert.Contains($"imported:v1 {import.Stdout.Trim()}", await ListAsync(ns), StringComparison.Ordinal);
        var mounted = await MountAsync(ns, "docker.io/library/imported:v1", folder.Combine("rootfs"));
        Assert.Equal("imported\n", mounted["etc/motd"]);
        Assert.Equal("-> etc/motd", mounted["link"]);
        var inspect = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "image", "inspect", "imported:v1");
        using var json = JsonDocument.Parse(inspect.Stdout);
        Assert.Equal(["/bin/sh"], json.RootElement[0].GetProperty("Config").GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
    }

    private async Task PullWithCtrAsync(string ns, string reference)
        => (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "pull", "--plain-http", reference)).EnsureSuccess("ctr pull");

    // "name config-digest manifest-digest" per record, sorted.
    private async Task<string> ListAsync(string ns)
    {
        var list = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "images", "--digests", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Digest}}");
        Assert.True(list.ExitCode == 0, list.ToString());
        return string.Concat(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).Select(l => l + "\n"));
    }

    private static string Target(string listing) => listing.Split('\n')[0].Split(' ')[2];

    private static string Id(string listing) => listing.Split('\n')[0].Split(' ')[1];

    // Mounts the image's unpacked root filesystem with ctr (another client reading what berthd unpacked) and reads it.
    private async Task<Dictionary<string, string>> MountAsync(string ns, string reference, string target)
    {
        Directory.CreateDirectory(target);
        (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "mount", reference, target)).EnsureSuccess("ctr images mount");
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string path in Directory.EnumerateFileSystemEntries(target, "*", SearchOption.AllDirectories))
            {
                var info = new FileInfo(path);
                string relative = Path.GetRelativePath(target, path);
                files[relative] = info.LinkTarget is { } link ? "-> " + link : info.Exists ? await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken) : "/";
            }

            return files;
        }
        finally
        {
            await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "unmount", target);
        }
    }
}
