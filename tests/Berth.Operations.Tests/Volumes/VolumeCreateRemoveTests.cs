using Berth.Core.Errors;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;
using Berth.Operations.Volumes;

namespace Berth.Operations.Tests.Volumes;

/// <summary>`volume create` and `volume rm`: what they print and refuse, as docker.</summary>
public sealed class VolumeCreateRemoveTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    [Fact]
    public async Task Create_PrintsTheName_PassesLabelsAndOptions()
    {
        await CreateAsync(new VolumeCreateOptions { Name = "data", Labels = ["a=b", " lead", "c"], Options = ["type=tmpfs", "bare"], Stdout = _stdout });

        Assert.Equal("data\n", _stdout.ToString());
        var volume = await _client.Volumes.InspectAsync("data", TestContext.Current.CancellationToken);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b", [" lead"] = "", ["c"] = "" }, volume.Labels);
        Assert.Equal(new Dictionary<string, string> { ["type"] = "tmpfs", ["bare"] = "" }, volume.Options);
    }

    [Fact]
    public async Task Create_WithoutAName_PrintsTheOneTheDaemonMade()
    {
        await CreateAsync(new VolumeCreateOptions { Driver = "", Stdout = _stdout });

        Assert.Equal(new string('a', 64) + "\n", _stdout.ToString());
        Assert.Equal(["create -"], _client.VolumeFake.Calls);
    }

    [Theory]
    [InlineData("=x", "invalid argument \"=x\" for \"--label\" flag: invalid label '=x': empty name")]
    [InlineData("trail =b", "invalid argument \"trail =b\" for \"--label\" flag: label 'trail ' contains whitespaces")]
    public async Task Create_BadLabel_UsageError(string label, string message)
    {
        var error = await Assert.ThrowsAsync<ClientException>(() => CreateAsync(new VolumeCreateOptions { Name = "v", Labels = [label], Stdout = _stdout }));

        Assert.Equal((message, 125), (error.Message, error.ExitCode));
        Assert.Empty(_client.VolumeFake.Calls);
    }

    [Fact]
    public async Task Create_OtherDriver_RefusedAsDockerd()
        => Assert.Equal("create v: error looking up volume plugin nope: plugin \"nope\" not found", (await Assert.ThrowsAsync<InvalidArgumentException>(
            () => CreateAsync(new VolumeCreateOptions { Name = "v", Driver = "nope", Stdout = _stdout }))).Message);

    [Fact]
    public async Task Remove_PrintsEachRemoved_ThenTheErrors_Exit1()
    {
        _client.VolumeFake.Add("a");
        _client.VolumeFake.Add("used");
        _client.VolumeFake.InUse["used"] = ["c107493ec809"];
        _client.VolumeFake.Add("b");

        Assert.Equal(1, await RemoveAsync(force: false, "a", "nope", "used", "b"));

        Assert.Equal("a\nb\n", _stdout.ToString());
        Assert.Equal("Error response from daemon: get nope: no such volume\nError response from daemon: remove used: volume is in use - [c107493ec809]\n",
            _stderr.ToString());
        Assert.Equal(["used"], _client.VolumeFake.Names);
    }

    [Fact]
    public async Task Remove_Force_AMissingOneIsPrintedToo()
    {
        Assert.Equal(0, await RemoveAsync(force: true, "nope"));

        Assert.Equal("nope\n", _stdout.ToString());
        Assert.Equal(["rm nope force=True"], _client.VolumeFake.Calls);
    }

    [Theory]
    [InlineData("vol2 vol10 vol1", "vol1 vol2 vol10")]
    [InlineData("b a 1a a01 a1", "1a a a1 a01 b")]
    [InlineData("x-2.1 x-10 x-2", "x-2 x-2.1 x-10")]
    public void NaturalOrder_DigitsByValue(string names, string sorted)
        => Assert.Equal(sorted, string.Join(' ', names.Split(' ').Order(NaturalOrder.Instance)));

    private Task CreateAsync(VolumeCreateOptions options) => VolumeOperations.CreateAsync(_client, options, TestContext.Current.CancellationToken);

    private Task<int> RemoveAsync(bool force, params string[] names)
        => VolumeOperations.RemoveAsync(_client, new VolumeRemoveOptions { Names = names, Force = force, Stdout = _stdout, Stderr = _stderr },
            TestContext.Current.CancellationToken);
}
