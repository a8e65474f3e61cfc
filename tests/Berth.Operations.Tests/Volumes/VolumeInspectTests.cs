using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Operations.Volumes;

namespace Berth.Operations.Tests.Volumes;

/// <summary>`volume inspect` against what docker 28 printed for the same volumes.</summary>
public sealed class VolumeInspectTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    public VolumeInspectTests()
    {
        _client.VolumeFake.Add("foo");
        _client.VolumeFake.Put(_client.VolumeFake.Add("bar", labels: new Dictionary<string, string> { ["c"] = "", ["a"] = "b<" })
            with { Options = new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs" } });
    }

    [Fact]
    public async Task Inspect_WritesDockersArray_NullForNoLabelsOrOptions()
    {
        Assert.Equal(0, await InspectAsync(null, "foo", "bar"));

        Assert.Equal("""
            [
                {
                    "CreatedAt": "2026-11-30T03:00:00Z",
                    "Driver": "local",
                    "Labels": null,
                    "Mountpoint": "/var/lib/berth/volumes/default/foo/_data",
                    "Name": "foo",
                    "Options": null,
                    "Scope": "local"
                },
                {
                    "CreatedAt": "2026-11-30T03:00:00Z",
                    "Driver": "local",
                    "Labels": {
                        "a": "b\u003c",
                        "c": ""
                    },
                    "Mountpoint": "/var/lib/berth/volumes/default/bar/_data",
                    "Name": "bar",
                    "Options": {
                        "device": "tmpfs",
                        "type": "tmpfs"
                    },
                    "Scope": "local"
                }
            ]

            """, _stdout.ToString());
    }

    [Fact]
    public async Task Inspect_Missing_ShowsTheOthersThenTheError_Exit1()
    {
        Assert.Equal(1, await InspectAsync(null, "nope", "foo"));

        Assert.StartsWith("[\n    {\n        \"CreatedAt\"", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal("Error response from daemon: get nope: no such volume\n", _stderr.ToString());
    }

    [Fact]
    public async Task Inspect_NothingFound_EmptyArray_OrALoneNewlineWithATemplate()
    {
        Assert.Equal(1, await InspectAsync(null, "nope"));
        Assert.Equal(1, await InspectAsync("{{.Name}}", "nope"));

        Assert.Equal("[]\n\n", _stdout.ToString());
    }

    [Fact]
    public async Task Inspect_Template_SeesUnsetMapsAsEmpty()
    {
        Assert.Equal(0, await InspectAsync("{{.Name}} {{.Labels}} {{.Scope}} {{len .Options}}", "foo", "bar"));

        Assert.Equal("foo map[] local 0\nbar map[a:b< c:] local 2\n", _stdout.ToString());
    }

    [Fact]
    public async Task Inspect_BadTemplate_Exit64()
        => Assert.Equal(64, (await Assert.ThrowsAsync<ClientException>(() => InspectAsync("{{.Name}", "foo"))).ExitCode);

    [Fact]
    public async Task Inspect_AnonymousVolume_CarriesDockersLabel_CreatedAtInTheLocalZone()
    {
        _client.VolumeFake.Add("anon", anonymous: true);
        var paris = TimeZoneInfo.CreateCustomTimeZone("test+1", TimeSpan.FromHours(1), "test+1", "test+1");

        await VolumeOperations.InspectAsync(_client, new VolumeInspectOptions
        {
            Names = ["anon"], Format = "{{json .Labels}} {{.CreatedAt}}", Time = new ZonedTime(paris), Stdout = _stdout, Stderr = _stderr,
        }, TestContext.Current.CancellationToken);

        Assert.Equal("{\"com.docker.volume.anonymous\":\"\"} 2026-11-30T04:00:00+01:00\n", _stdout.ToString());
    }

    private Task<int> InspectAsync(string? format, params string[] names)
        => VolumeOperations.InspectAsync(_client, new VolumeInspectOptions
        {
            Names = names, Format = format, Time = new ZonedTime(TimeZoneInfo.Utc), Stdout = _stdout, Stderr = _stderr,
        }, TestContext.Current.CancellationToken);

    private sealed class ZonedTime(TimeZoneInfo zone) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
