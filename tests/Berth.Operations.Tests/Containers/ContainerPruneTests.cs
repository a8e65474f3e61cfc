using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

/// <summary>`berth container prune`: the question, which containers go, the filters, and docker's report.</summary>
public sealed class ContainerPruneTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };

    public ContainerPruneTests() => _client.EngineFake.Containers.AddRange(TestContainers.All);

    private List<string> Removed => [.. _client.EngineFake.Calls.Where(c => c.StartsWith("rm ", StringComparison.Ordinal)).Select(c => c.Split(' ')[1])];

    private Task PruneAsync(bool force = true, string answer = "", params string[] filters) => ContainerOperations.PruneAsync(_client, new ContainerPruneOptions
    {
        Force = force,
        Filters = filters,
        Stdin = new StringReader(answer),
        Stdout = _stdout,
        Time = new FixedTime(TestContainers.Now),
    }, CancellationToken.None);

    [Fact]
    public async Task Prune_Force_RemovesEveryStoppedContainerNewestFirst_AndCountsWhatTheyWrote()
    {
        _client.Usage[("overlayfs", TestContainers.Quit.Id)] = 1500;
        _client.Usage[("overlayfs", TestContainers.Runner.Id)] = 99;

        await PruneAsync();

        string[] gone = [TestContainers.Quit.Id, TestContainers.Web.Id, TestContainers.Practical.Id];
        Assert.Equal(gone, Removed);
        Assert.Equal($"Deleted Containers:\n{string.Join('\n', gone)}\n\nTotal reclaimed space: 1.5kB\n", _stdout.ToString());
        Assert.All(_client.EngineFake.Calls.Where(c => c.StartsWith("rm ", StringComparison.Ordinal)), c => Assert.EndsWith("force=False", c));
    }

    [Theory]
    [InlineData("n\n")]
    [InlineData("")]
    public async Task Prune_NotConfirmed_AsksAndRemovesNothing(string answer)
    {
        await PruneAsync(force: false, answer);

        Assert.Equal("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ", _stdout.ToString());
        Assert.Empty(Removed);
    }

    [Fact]
    public async Task Prune_Confirmed_RemovesAfterTheQuestion()
    {
        await PruneAsync(force: false, "Y\n", "label=nothing-has-it");

        Assert.Equal("WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] Total reclaimed space: 0B\n", _stdout.ToString());
        Assert.Empty(Removed);
    }

    [Theory]
    [InlineData("until=1m", "practical_khayyam")]
    [InlineData("until=2024-05-01T11:59:56Z", "web practical_khayyam")]
    [InlineData("label=a=b", "web")]
    [InlineData("label=a", "web")]
    [InlineData("LABEL!=a", "quit practical_khayyam")]
    public async Task Prune_Filters_ChooseWhichStoppedContainersGo(string filter, string names)
    {
        await PruneAsync(filters: filter);

        var byName = TestContainers.All.ToDictionary(c => c.Name, c => c.Id);
        Assert.Equal(names.Split(' ').Select(n => byName[n]), Removed);
    }

    [Fact]
    public async Task Prune_Filters_RefusedAsDockerRefusesThem()
    {
        var format = await Assert.ThrowsAsync<ClientException>(() => PruneAsync(filters: "label"));
        var key = await Assert.ThrowsAsync<InvalidArgumentException>(() => PruneAsync(filters: "status=exited"));
        var twice = await Assert.ThrowsAsync<InvalidArgumentException>(() => PruneAsync(filters: ["until=1m", "until=2m"]));
        var time = await Assert.ThrowsAsync<InvalidArgumentException>(() => PruneAsync(filters: "until=soon"));

        Assert.Equal(125, format.ExitCode);
        Assert.Equal("berth: invalid argument \"label\" for \"--filter\" flag: bad format of filter (expected name=value)\nSee 'berth container prune --help'.",
            format.Message);
        Assert.Equal("Invalid filter 'status'", key.Message);
        Assert.Equal("more than one until filter specified", twice.Message);
        Assert.Equal("failed to parse value as time or duration: \"soon\"", time.Message);
        Assert.Empty(Removed);
    }
}
