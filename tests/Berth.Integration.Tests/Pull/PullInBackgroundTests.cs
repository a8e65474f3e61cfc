using System.Security.Cryptography;
using Berth.Integration.Tests.Infrastructure;
using Berth.Testing.Registry;

namespace Berth.Integration.Tests.Pull;

/// <summary>
/// A pull runs in berthd, not in the CLI: it goes on when the CLI is killed, and two CLIs pulling the same image at
/// once share one transfer. A proxy in front of the registry holds the answer for one layer, so that the tests act
/// while the pull is surely under way.
/// </summary>
public sealed class PullInBackgroundTests(EngineFixture engine)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pull_CliKilledMidPull_DaemonFinishesThePull()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var (repository, noise, layer) = await PushUniqueAsync();
        await using var proxy = HoldingProxy.Start(engine.Registry.Host, layer.Descriptor.Digest.ToString());
        string reference = $"{proxy.Host}/{repository}:v1";

        using (var cli = RunningProcess.StartBerth(engine.Daemon, "-n", ns, "pull", reference))
        {
            await WaitAsync(() => proxy.Requests.Any(r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains(layer.Descriptor.Digest.ToString(), StringComparison.Ordinal)));
            await cli.KillAsync();
        }

        Assert.Equal(string.Empty, await ImagesAsync(ns));
        proxy.Release();
        await WaitAsync(async () => (await ImagesAsync(ns)).Contains(reference, StringComparison.Ordinal));
        byte[] unpacked = await SnapshotRootfs.ReadTopAsync(args => Infrastructure.Ctr.RunAsync(engine.Daemon, ns, args),
            root => File.ReadAllBytes(Path.Combine(root, "noise.bin")));
        Assert.Equal(noise, unpacked);
    }

    [Fact]
    public async Task Pull_TwoClisAtOnce_ShareOneTransfer()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root");
        string ns = Names.Namespace();
        var (repository, _, layer) = await PushUniqueAsync();
        await using var proxy = HoldingProxy.Start(engine.Registry.Host, layer.Descriptor.Digest.ToString());
        string reference = $"{proxy.Host}/{repository}:v1";
        string id = layer.Descriptor.Digest.Encoded[..12];

        using var first = RunningProcess.StartBerth(engine.Daemon, "-n", ns, "pull", reference);
        await first.WaitForLineAsync(l => l.StartsWith(id, StringComparison.Ordinal), Patience);
        using var second = RunningProcess.StartBerth(engine.Daemon, "-n", ns, "pull", reference);
        // A caller who joins is first told the state of every layer, so it prints while the held layer keeps the pull
        // going: the second is in. (The held layer's own state, Downloading, has no plain line, as in docker.)
        await second.WaitForLineAsync(l => l.Contains(": Pulling from ", StringComparison.Ordinal), Patience);
        proxy.Release();
        var results = new[] { await first.WaitForExitAsync(Patience), await second.WaitForExitAsync(Patience) };

        Assert.All(results, r => Assert.True(r.ExitCode == 0 && r.Stdout.EndsWith($"\n{reference}\n", StringComparison.Ordinal), r.ToString()));
        Assert.Single(proxy.Requests, r => r.StartsWith("GET ", StringComparison.Ordinal) && r.Contains(layer.Descriptor.Digest.ToString(), StringComparison.Ordinal));
        Assert.Single(engine.Daemon.Log.Split('\n'), l => l.Contains($"msg=\"Pulling {reference} ", StringComparison.Ordinal));
        Assert.Contains(reference, await ImagesAsync(ns), StringComparison.Ordinal);
    }

    // busybox and a layer no other test has, so its blob must come from the registry.
    private async Task<(string Repository, byte[] Noise, TestLayer Layer)> PushUniqueAsync()
    {
        byte[] noise = RandomNumberGenerator.GetBytes(512 * 1024);
        var layer = TestLayer.Create([new LayerEntry("noise.bin", noise, Mode: (UnixFileMode)0b110_100_100)]);
        string repository = $"test/background-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        await engine.Registry.PushAsync(TestImage.Create([FixtureImages.BusyboxLayer, layer]), repository, "v1");
        return (repository, noise, layer);
    }

    private async Task<string> ImagesAsync(string ns) => (await Infrastructure.Ctr.RunAsync(engine.Daemon, ns, "images", "ls", "-q")).Stdout;

    private static Task WaitAsync(Func<bool> condition) => WaitAsync(() => Task.FromResult(condition()));

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(50);
        }
    }
}
