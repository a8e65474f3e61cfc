using Berth.Core.Errors;
using Berth.Operations.Tests.Fakes;
using Berth.Operations.Volumes;
using Berth.Testing;

namespace Berth.Operations.Tests.Volumes;

/// <summary>`volume prune`: docker's question, choice of volumes, report and reclaimed size.</summary>
public sealed class VolumePruneTests : IDisposable
{
    private const string AnonymousWarning =
        "WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] ";

    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly TempDirectory _folder = new("volumes");

    public VolumePruneTests()
    {
        _client.VolumeFake.Add("named", labels: new Dictionary<string, string> { ["keep"] = "no" });
        _client.VolumeFake.Add("busy", anonymous: true);
        _client.VolumeFake.InUse["busy"] = ["c1"];
        _client.VolumeFake.Add("anon", anonymous: true);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Prune_NotConfirmed_AsksAndRemovesNothing()
    {
        await PruneAsync(new VolumePruneOptions { Stdin = new StringReader("n\n"), Stdout = _stdout });

        Assert.Equal(AnonymousWarning, _stdout.ToString());
        Assert.Equal(3, _client.VolumeFake.Names.Count);
    }

    [Fact]
    public async Task Prune_Confirmed_RemovesUnusedAnonymousOnes()
    {
        await PruneAsync(new VolumePruneOptions { Stdin = new StringReader("y\n"), Stdout = _stdout });

        Assert.Equal(AnonymousWarning + "Deleted Volumes:\nanon\n\nTotal reclaimed space: 0B\n", _stdout.ToString());
        Assert.Equal(["busy", "named"], _client.VolumeFake.Names);
        Assert.Contains("prune all=False", _client.VolumeFake.Calls);
    }

    [Fact]
    public async Task Prune_All_AsksAboutAll_RemovesNamedOnesToo()
    {
        await PruneAsync(new VolumePruneOptions { All = true, Stdin = new StringReader("yes\n"), Stdout = _stdout });

        Assert.StartsWith("WARNING! This will remove all local volumes not used by at least one container.\n", _stdout.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("[y/N] Deleted Volumes:\nanon\nnamed\n\nTotal reclaimed space: 0B\n", _stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(["busy"], _client.VolumeFake.Names);
    }

    [Fact]
    public async Task Prune_LabelFilter_RemovesTheMatchingOnesOneByOne()
    {
        await PruneAsync(new VolumePruneOptions { Force = true, Filters = ["all=true", "label=keep=no"], Stdin = TextReader.Null, Stdout = _stdout });

        Assert.Equal("Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n", _stdout.ToString());
        Assert.Equal(["rm named force=False"], _client.VolumeFake.Calls);
    }

    [Fact]
    public async Task Prune_NegatedLabel_KeepsThoseThatHaveIt()
    {
        await PruneAsync(new VolumePruneOptions { Force = true, All = true, Filters = ["label!=keep"], Stdin = TextReader.Null, Stdout = _stdout });

        Assert.Equal(["busy", "named"], _client.VolumeFake.Names);
    }

    [Fact]
    public async Task Prune_CountsTheFoldersBytes_LinksByTheirTargets()
    {
        Directory.CreateDirectory(_folder.Combine("sub"));
        await File.WriteAllBytesAsync(_folder.Combine("f"), new byte[12345], TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_folder.Combine("sub", "g"), "hi\n", TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(_folder.Combine("l"), "f");
        _client.VolumeFake.Put(_client.VolumeFake.Add("big", anonymous: true) with { Mountpoint = _folder.Path });

        await PruneAsync(new VolumePruneOptions { Force = true, Stdin = TextReader.Null, Stdout = _stdout });

        Assert.Equal("Deleted Volumes:\nanon\nbig\n\nTotal reclaimed space: 12.35kB\n", _stdout.ToString());
    }

    [Fact]
    public async Task Prune_NothingToRemove_OnlyTheTotal()
    {
        _client.VolumeFake.InUse["anon"] = ["c2"];

        await PruneAsync(new VolumePruneOptions { Force = true, Stdin = TextReader.Null, Stdout = _stdout });

        Assert.Equal("Total reclaimed space: 0B\n", _stdout.ToString());
    }

    [Theory]
    [InlineData("until=1h", "invalid filter 'until'")]
    [InlineData("all=maybe", "invalid filter 'all': strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    public async Task Prune_BadFilter_DaemonsWords(string filter, string message)
        => Assert.Equal(message, (await Assert.ThrowsAsync<InvalidArgumentException>(() => PruneAsync(new VolumePruneOptions
        {
            Force = true, Filters = [filter], Stdin = TextReader.Null, Stdout = _stdout,
        }))).Message);

    private Task PruneAsync(VolumePruneOptions options) => VolumeOperations.PruneAsync(_client, options, TestContext.Current.CancellationToken);
}
