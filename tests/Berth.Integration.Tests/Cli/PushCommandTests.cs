using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Integration.Tests.Infrastructure;
using Berth.Oci;
using Berth.Testing;

namespace Berth.Integration.Tests.Cli;

/// <summary>
/// `berth push` against Debian's docker-registry, checked with skopeo: what berth says it pushed is what another tool
/// reads back.
/// </summary>
public sealed partial class PushCommandTests(EngineFixture engine)
{
    [Fact]
    public async Task Push_TaggedIntoAnotherRepository_MountsTheLayerAndSkopeoReadsTheSameDigest()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await PullAsync(ns, engine.BusyboxRef);
        string target = $"{engine.Registry.Host}/pushed/{ns}:v1";
        await TagAsync(ns, engine.BusyboxRef, target);

        var push = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "push", target);

        Assert.True(push.ExitCode == 0, push.ToString());
        string layer = await LayerShortIdAsync(engine.BusyboxRef);
        Assert.StartsWith($"The push refers to repository [{engine.Registry.Host}/pushed/{ns}]\n", push.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\n{layer}: Mounted from test/busybox\n", push.Stdout, StringComparison.Ordinal);
        var (digest, size) = DigestLine(push.Stdout, "v1");
        byte[] raw = await SkopeoRawAsync(target);
        Assert.Equal(digest, Digest.Sha256(raw).ToString());
        Assert.Equal(size, raw.Length);
        Assert.Equal(digest, await SkopeoDigestAsync(target));
    }

    [Fact]
    public async Task Push_Again_EveryLayerAlreadyExists()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await PullAsync(ns, engine.LayeredRef);
        string target = $"{engine.Registry.Host}/again/{ns}:v2";
        await TagAsync(ns, engine.LayeredRef, target);
        var first = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "push", target);
        Assert.True(first.ExitCode == 0, first.ToString());

        var second = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "push", target);

        Assert.True(second.ExitCode == 0, second.ToString());
        var lines = second.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var final = lines.Where(l => Regex.IsMatch(l, "^[0-9a-f]{12}: ") && !l.EndsWith(": Preparing", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, final.Count);
        Assert.All(final, l => Assert.EndsWith(": Layer already exists", l, StringComparison.Ordinal));
        Assert.Equal(DigestLine(first.Stdout, "v2"), DigestLine(second.Stdout, "v2"));
    }

    [Fact]
    public async Task Push_ThenSkopeoCopyToAnOciLayout_VerifiesEveryBlob()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        await PullAsync(ns, engine.RichRef);
        string target = $"{engine.Registry.Host}/copied/{ns}:v3";
        await TagAsync(ns, engine.RichRef, target);
        var push = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "push", target);
        Assert.True(push.ExitCode == 0, push.ToString());
        using var layout = new TempDirectory("oci-copy");

        var copy = await ProcessRunner.RunAsync("/usr/bin/skopeo",
            ["copy", "--src-tls-verify=false", $"docker://{target}", $"oci:{layout.Path}:v3"], TimeSpan.FromMinutes(2));

        Assert.True(copy.ExitCode == 0, copy.ToString());
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(layout.Combine("index.json"), TestContext.Current.CancellationToken));
        string copied = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        Assert.Equal(DigestLine(push.Stdout, "v3").Digest, copied);
    }

    [Fact]
    public async Task Push_NoSuchLocalImage_DockersErrorAndExitOne()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        string target = $"{engine.Registry.Host}/nothing/{ns}";

        var push = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "push", target + ":v1");

        Assert.Equal(1, push.ExitCode);
        Assert.Equal($"The push refers to repository [{target}]\n", push.Stdout);
        Assert.Equal($"Error response from daemon: An image does not exist locally with the tag: {target}\n", push.Stderr);
    }

    private async Task PullAsync(string ns, string reference)
    {
        var pull = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "pull", "-q", reference);
        Assert.True(pull.ExitCode == 0, pull.ToString());
    }

    private async Task TagAsync(string ns, string source, string target)
    {
        var tag = await BerthCli.RunAsync(engine.Daemon, "-n", ns, "tag", source, target);
        Assert.True(tag.ExitCode == 0, tag.ToString());
    }

    /// <summary>The digest and size of the "&lt;tag&gt;: digest: … size: …" line docker ends a push with.</summary>
    internal static (string Digest, int Size) DigestLine(string stdout, string tag)
    {
        var match = Regex.Match(stdout, $@"(?m)^{Regex.Escape(tag)}: digest: (sha256:[0-9a-f]{{64}}) size: (\d+)$");
        Assert.True(match.Success, $"no digest line for {tag} in: {stdout}");
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    internal static async Task<byte[]> SkopeoRawAsync(string reference, params string[] options)
    {
        var inspect = await ProcessRunner.RunAsync("/usr/bin/skopeo", ["inspect", "--raw", .. options.Length == 0 ? ["--tls-verify=false"] : options, $"docker://{reference}"]);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        return System.Text.Encoding.UTF8.GetBytes(inspect.Stdout);
    }

    internal static async Task<string> SkopeoDigestAsync(string reference, params string[] options)
    {
        var inspect = await ProcessRunner.RunAsync("/usr/bin/skopeo", ["inspect", .. options.Length == 0 ? ["--tls-verify=false"] : options, $"docker://{reference}"]);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.Stdout);
        return json.RootElement.GetProperty("Digest").GetString()!;
    }

    private static async Task<string> LayerShortIdAsync(string reference)
    {
        using var manifest = JsonDocument.Parse(await SkopeoRawAsync(reference));
        return manifest.RootElement.GetProperty("layers")[0].GetProperty("digest").GetString()!["sha256:".Length..][..12];
    }
}
