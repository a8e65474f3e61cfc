using System.Text.Json;
using Berth.Core.Errors;
using Berth.Operations.Images;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Images;

public sealed class ImageTagInspectTests
{
    private readonly FakeBerthClient _client = new();

    [Fact]
    public async Task Tag_NewName_PointsAtTheSameTarget_ThenMoves()
    {
        var first = TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);
        var second = TestImages.Add(_client, "b", null, [20], ["docker.io/library/other:1"]);

        await TagAsync("busybox", "127.0.0.1:5000/copy");
        Assert.Equal(first.TargetDigest, (await _client.Images.GetAsync("127.0.0.1:5000/copy:latest", TestContext.Current.CancellationToken)).Target.Digest);

        await TagAsync(second.ConfigDigest.Encoded[..8], "127.0.0.1:5000/copy:latest");
        Assert.Equal(second.TargetDigest, (await _client.Images.GetAsync("127.0.0.1:5000/copy:latest", TestContext.Current.CancellationToken)).Target.Digest);
    }

    [Theory]
    [InlineData("Bad", "Error parsing reference: \"Bad\" is not a valid repository/tag: invalid reference format: repository name (library/Bad) must be lowercase")]
    [InlineData("x@sha256:0000000000000000000000000000000000000000000000000000000000000000", "refusing to create a tag with a digest reference")]
    public async Task Tag_BadTarget_ClientError(string target, string message)
    {
        TestImages.Add(_client, "a", null, [10], ["docker.io/library/busybox:latest"]);

        var error = await Assert.ThrowsAsync<ClientException>(() => TagAsync("busybox", target));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_UnknownSource_NoSuchImage()
        => Assert.Equal("No such image: nosuch:latest", (await Assert.ThrowsAsync<NotFoundException>(() => TagAsync("nosuch", "x"))).Message);

    [Fact]
    public async Task Inspect_DockersShape()
    {
        var image = TestImages.Add(_client, "a", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), [1000, 2000],
            ["docker.io/library/busybox:latest"], labels: new() { ["a"] = "b" }, index: true);
        TestImages.Unpack(_client, image, 100, 200);
        var stdout = new StringWriter();

        int exit = await ImageOperations.InspectAsync(_client, new ImageInspectOptions { Images = ["busybox"], Stdout = stdout, Stderr = TextWriter.Null },
            TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.StartsWith("[\n    {\n        \"Id\": \"sha256:", stdout.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout.ToString());
        var only = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(image.ConfigDigest.ToString(), only.GetProperty("Id").GetString());
        Assert.Equal(["busybox:latest"], only.GetProperty("RepoTags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([$"busybox@{image.TargetDigest}"], only.GetProperty("RepoDigests").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("2025-01-02T03:04:05Z", only.GetProperty("Created").GetString());
        Assert.Equal("b", only.GetProperty("Config").GetProperty("Labels").GetProperty("a").GetString());
        Assert.Equal((HostPlatform.Current.Architecture, "linux", 300), (only.GetProperty("Architecture").GetString(), only.GetProperty("Os").GetString(),
            only.GetProperty("Size").GetInt32()));
        Assert.Equal("layers", only.GetProperty("RootFS").GetProperty("Type").GetString());
        Assert.Equal(image.DiffIds.Select(d => d.ToString()), only.GetProperty("RootFS").GetProperty("Layers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Inspect_Unknown_EmptyArrayThenTheError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter { NewLine = "\n" };

        int exit = await ImageOperations.InspectAsync(_client, new ImageInspectOptions { Images = ["nosuch"], Stdout = stdout, Stderr = stderr },
            TestContext.Current.CancellationToken);

        Assert.Equal((1, "[]\n", "Error response from daemon: No such image: nosuch:latest\n"), (exit, stdout.ToString(), stderr.ToString()));
    }

    private Task TagAsync(string source, string target)
        => ImageOperations.TagAsync(_client, new ImageTagOptions { Source = source, Target = target }, TestContext.Current.CancellationToken);
}
