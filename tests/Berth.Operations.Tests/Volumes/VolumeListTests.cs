using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Operations.Volumes;

namespace Berth.Operations.Tests.Volumes;

/// <summary>`volume ls`: docker's table, -q, --format and filters.</summary>
public sealed class VolumeListTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };

    public VolumeListTests()
    {
        _client.VolumeFake.Add("vol10");
        _client.VolumeFake.Add("vol2", labels: new Dictionary<string, string> { ["a"] = "b", ["c"] = "" });
        _client.VolumeFake.Add("285e55e695af20525edf49025dc67cde284360b0cdfbb601407d5fde915578ef", anonymous: true);
        _client.EngineFake.Containers.Add(TestContainers.Web with
        {
            Mounts = [new ContainerMount("volume", "/var/lib/berth/volumes/default/vol10/_data", "/data", true, "") { Name = "vol10" }],
        });
    }

    [Fact]
    public async Task List_DockersTable_InNaturalOrder()
    {
        await ListAsync(new VolumeListOptions { Stdout = _stdout });

        Assert.Equal("""
            DRIVER    VOLUME NAME
            local     285e55e695af20525edf49025dc67cde284360b0cdfbb601407d5fde915578ef
            local     vol2
            local     vol10

            """, _stdout.ToString());
    }

    [Theory]
    [InlineData(null, "285e55e695af20525edf49025dc67cde284360b0cdfbb601407d5fde915578ef\nvol2\nvol10\n")]
    [InlineData("table", "285e55e695af20525edf49025dc67cde284360b0cdfbb601407d5fde915578ef\nvol2\nvol10\n")]
    [InlineData("{{.Driver}}", "local\nlocal\nlocal\n")]
    public async Task List_Quiet_NamesUnlessATemplateIsGiven(string? format, string expected)
    {
        await ListAsync(new VolumeListOptions { Quiet = true, Format = format, Stdout = _stdout });

        Assert.Equal(expected, _stdout.ToString());
    }

    [Fact]
    public async Task List_Json_DockersFields()
    {
        await ListAsync(new VolumeListOptions { Format = "json", Filters = ["name=vol2"], Stdout = _stdout });

        Assert.Equal("""{"Availability":"N/A","Driver":"local","Group":"N/A","Labels":"a=b,c=","Links":"N/A","Mountpoint":"/var/lib/berth/volumes/default/vol2/_data","Name":"vol2","Scope":"local","Size":"N/A","Status":"N/A"}""" + "\n",
            _stdout.ToString());
    }

    [Fact]
    public async Task List_TableTemplate_HeadersAsDockers()
    {
        await ListAsync(new VolumeListOptions { Format = "table {{.Name}}\\t{{.Labels}}\\t{{.Scope}}", Filters = ["label=a"], Stdout = _stdout });

        Assert.Equal("VOLUME NAME   LABELS    SCOPE\nvol2          a=b,c=    local\n", _stdout.ToString());
    }

    [Theory]
    [InlineData("dangling=true", "285e55e695af20525edf49025dc67cde284360b0cdfbb601407d5fde915578ef vol2")]
    [InlineData("dangling=0", "vol10")]
    [InlineData("name=^vol", "vol2 vol10")]
    [InlineData("name=l10", "vol10")]
    [InlineData("driver=local", "285e55e695af20525edf49025dc67cde284360b0cdfbb601407d5fde915578ef vol2 vol10")]
    [InlineData("driver=loc", "")]
    [InlineData("label=a=b", "vol2")]
    [InlineData("label=c=", "vol2")]
    [InlineData("label=a=x", "")]
    [InlineData("label=com.docker.volume.anonymous", "285e55e695af20525edf49025dc67cde284360b0cdfbb601407d5fde915578ef")]
    public async Task List_Filter_KeepsWhatDockerKeeps(string filter, string names)
    {
        await ListAsync(new VolumeListOptions { Quiet = true, Filters = [filter], Stdout = _stdout });

        Assert.Equal(names, string.Join(' ', _stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task List_FiltersOfOneKeyAny_OfTwoKeysAll()
    {
        await ListAsync(new VolumeListOptions { Quiet = true, Filters = ["name=l2", "name=l10", "dangling=true"], Stdout = _stdout });

        Assert.Equal("vol2\n", _stdout.ToString());
    }

    [Theory]
    [InlineData("foo=bar", "invalid filter 'foo'")]
    [InlineData("dangling=maybe", "invalid filter 'dangling=[maybe]'")]
    [InlineData("label!=a", "invalid filter 'label!'")]
    public async Task List_BadFilter_DaemonsWords(string filter, string message)
        => Assert.Equal(message, (await Assert.ThrowsAsync<InvalidArgumentException>(
            () => ListAsync(new VolumeListOptions { Filters = [filter], Stdout = _stdout }))).Message);

    [Fact]
    public async Task List_FilterWithoutEquals_UsageError()
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => ListAsync(new VolumeListOptions { Filters = ["name"], Stdout = _stdout }));

        Assert.Equal(("invalid argument \"name\" for \"-f, --filter\" flag: bad format of filter (expected name=value)", 125), (error.Message, error.ExitCode));
    }

    private Task ListAsync(VolumeListOptions options) => VolumeOperations.ListAsync(_client, options, TestContext.Current.CancellationToken);
}
