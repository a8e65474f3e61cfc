using Berth.Core.Errors;
using Berth.Core.Images;
using Berth.Oci;
using Berth.Operations.Images;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Images;

public sealed class ImageListTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeBerthClient _client = new();
    private readonly TestImages.Made _busybox;
    private readonly TestImages.Made _app;
    private readonly TestImages.Made _old;

    public ImageListTests()
    {
        _busybox = TestImages.Add(_client, "busybox", Now.AddDays(-61), [2_000_000],
            ["docker.io/library/busybox:latest", "docker.io/library/busybox:1.36"], index: true);
        TestImages.Unpack(_client, _busybox, 4_261_376);
        _app = TestImages.Add(_client, "app", Now.AddHours(-3), [3_000_000, 1_000_000], ["127.0.0.1:5000/test/app:v1"],
            labels: new() { ["org.test"] = "yes", ["tier"] = "web" });
        _old = TestImages.Add(_client, "old", null, [2_000_000], []);
        _client.ImageStore.CreateAsync(new Image($"docker.io/library/old@{_old.TargetDigest}", new Descriptor(MediaTypes.OciManifest, _old.TargetDigest, 1)),
            TestContext.Current.CancellationToken).AsTask().Wait(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task List_Default_DockersTableNewestFirst()
    {
        string output = await ListAsync(new() { Stdout = TextWriter.Null });

        Assert.Equal(
            "REPOSITORY                TAG       IMAGE ID       CREATED        SIZE\n" +
            $"127.0.0.1:5000/test/app   v1        {Short(_app)}   3 hours ago    4MB\n" +
            $"busybox                   1.36      {Short(_busybox)}   2 months ago   4.26MB\n" +
            $"busybox                   latest    {Short(_busybox)}   2 months ago   4.26MB\n" +
            $"old                       <none>    {Short(_old)}   N/A            2MB\n", output);
    }

    [Fact]
    public async Task List_Quiet_OneIdPerRow()
        => Assert.Equal($"{Short(_app)}\n{Short(_busybox)}\n{Short(_busybox)}\n{Short(_old)}\n", await ListAsync(new() { Quiet = true, Stdout = TextWriter.Null }));

    [Fact]
    public async Task List_DigestsAndNoTrunc_FullIdsAndTheDigestColumn()
    {
        string output = await ListAsync(new() { Digests = true, NoTrunc = true, Stdout = TextWriter.Null });

        Assert.Matches(@"^REPOSITORY\s+TAG\s+DIGEST\s+IMAGE ID\s+CREATED\s+SIZE\n", output);
        Assert.Contains($"busybox                   latest    {_busybox.TargetDigest}   {_busybox.ConfigDigest}   2 months ago", output, StringComparison.Ordinal);
        Assert.Contains($"old                       <none>    {_old.TargetDigest}   {_old.ConfigDigest}", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reference=busy*", "busybox:1.36,busybox:latest")]
    [InlineData("reference=busybox:1.*", "busybox:1.36")]
    [InlineData("reference=127.0.0.1:5000/test/*", "127.0.0.1:5000/test/app:v1")]
    [InlineData("label=tier", "127.0.0.1:5000/test/app:v1")]
    [InlineData("label=tier=db", "")]
    [InlineData("dangling=true", "old:<none>")]
    [InlineData("before=busybox:latest", "old:<none>")]
    [InlineData("since=busybox", "127.0.0.1:5000/test/app:v1")]
    public async Task List_Filter_AsDocker(string filter, string expected)
    {
        string output = await ListAsync(new() { Filters = [filter], Format = "{{.Repository}}:{{.Tag}}", Stdout = TextWriter.Null });

        Assert.Equal(expected, string.Join(',', output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task List_Json_OneObjectPerRowWithDockersFields()
    {
        string first = (await ListAsync(new() { Format = "json", Stdout = TextWriter.Null })).Split('\n')[0];

        Assert.Equal("{\"Containers\":\"N/A\",\"CreatedAt\":\"2026-05-31 21:00:00 +0000 UTC\",\"CreatedSince\":\"3 hours ago\",\"Digest\":\"\\u003cnone\\u003e\"," +
            $"\"ID\":\"{Short(_app)}\",\"Repository\":\"127.0.0.1:5000/test/app\",\"SharedSize\":\"N/A\",\"Size\":\"4MB\",\"Tag\":\"v1\"," +
            "\"UniqueSize\":\"N/A\",\"VirtualSize\":\"4MB\"}", first);
    }

    [Theory]
    [InlineData("color=red")]
    [InlineData("dangling=maybe")]
    public async Task List_BadFilter_InvalidArgument(string filter)
        => await Assert.ThrowsAsync<InvalidArgumentException>(() => ListAsync(new() { Filters = [filter], Stdout = TextWriter.Null }));

    [Fact]
    public async Task List_RecordWithoutContent_ListedUnderItsTargetDigest()
    {
        var missing = Digest.Sha256("gone"u8);
        await _client.ImageStore.CreateAsync(new Image("docker.io/library/gone:1", new Descriptor(MediaTypes.OciManifest, missing, 10)),
            TestContext.Current.CancellationToken);

        string output = await ListAsync(new() { Stdout = TextWriter.Null });

        Assert.Contains($"gone                      1         {missing.Encoded[..12]}   N/A            0B\n", output, StringComparison.Ordinal);
    }

    private async Task<string> ListAsync(ImageListOptions options)
    {
        var output = new StringWriter();
        await ImageOperations.ListAsync(_client, options with { Stdout = output, Time = new FixedTime(Now) }, TestContext.Current.CancellationToken);
        return output.ToString();
    }

    private static string Short(TestImages.Made image) => image.ConfigDigest.Encoded[..12];
}
