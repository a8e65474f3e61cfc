using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Pull;

/// <summary>`berth pull` prints what `docker pull` prints when its output is not a terminal.</summary>
public sealed partial class PullOutputTests(EngineFixture engine)
{
    [Fact]
    public async Task Pull_NotATerminal_PrintsDockersPlainLines()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var image = engine.LayeredImage;

        var result = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", engine.LayeredRef);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("v1: Pulling from test/layered", lines[0]);
        Assert.Equal(
            [$"Digest: {image.ManifestDescriptor.Digest}", $"Status: Downloaded newer image for {engine.LayeredRef}", engine.LayeredRef],
            lines[^3..]);
        var layerLines = lines[1..^3];
        Assert.All(layerLines, line => Assert.Matches(LayerLine(), line));
        foreach (var layer in image.Layers)
        {
            string id = layer.Descriptor.Digest.Encoded[..12];
            Assert.Contains($"{id}: Pull complete", layerLines);
            Assert.Equal($"{id}: Pull complete", layerLines.Last(l => l.StartsWith(id, StringComparison.Ordinal)));
        }

        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Pull_Quiet_PrintsOnlyTheReference()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();

        var result = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", "-q", engine.BusyboxRef);

        Assert.Equal((0, engine.BusyboxRef + "\n"), (result.ExitCode, result.Stdout));
        Assert.Contains(engine.BusyboxRef, (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls", "-q")).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_Twice_SecondSaysImageIsUpToDate()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        (await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", engine.LayeredRef)).EnsureSuccess("first pull");

        var again = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", engine.LayeredRef);

        Assert.True(again.ExitCode == 0, again.ToString());
        var lines = again.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [$"Digest: {engine.LayeredImage.ManifestDescriptor.Digest}", $"Status: Image is up to date for {engine.LayeredRef}", engine.LayeredRef],
            lines[^3..]);
        Assert.DoesNotContain(lines, l => l.EndsWith(": Pull complete", StringComparison.Ordinal) || l.Contains("Downloading", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_ImplicitTag_SaysUsingDefaultTag()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        string untagged = engine.BusyboxRef[..engine.BusyboxRef.LastIndexOf(':')];

        var result = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", untagged);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Using default tag: latest\nlatest: Pulling from test/busybox\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"\n{engine.BusyboxRef}\n", result.Stdout, StringComparison.Ordinal);
    }

    // docker's plain lines: "<12 hex>: <state>", no bars, no escapes.
    [GeneratedRegex("^[0-9a-f]{12}: (Pulling fs layer|Waiting|Verifying Checksum|Download complete|Already exists|Extracting|Pull complete)$")]
    private static partial Regex LayerLine();
}
