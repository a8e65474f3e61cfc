using Berth.Core.Engine;
using Berth.Operations.Containers.Resources;
using Berth.Operations.Output;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers.Resources;

/// <summary>top, stats and update as the CLI prints them: docker's tables, its JSON, its errors.</summary>
public sealed class ResourceOperationsTests
{
    private readonly FakeBerthClient _client = new();
    private readonly StringWriter _stdout = new() { NewLine = "\n" };
    private readonly StringWriter _stderr = new() { NewLine = "\n" };

    public ResourceOperationsTests()
    {
        _client.EngineFake.Containers.AddRange(TestContainers.All);
        var runner = TestContainers.Runner;
        _client.ResourcesFake.AddReadings(runner.Id, Sample(runner, 1_000_000_000, 100_000_000_000), Sample(runner, 1_250_000_000, 102_000_000_000));
        _client.ResourcesFake.AddReadings(TestContainers.Web.Id, new ContainerStatsSample(TestContainers.Web.Id, "web", DateTimeOffset.UnixEpoch));
    }

    private static ContainerStatsSample Sample(ContainerDetails container, ulong cpu, ulong system) => new(container.Id, container.Name, DateTimeOffset.UnixEpoch)
    {
        Running = true, CpuTotal = cpu, SystemCpu = system, OnlineCpus = 4, MemoryUsage = 632 * 1024, MemoryLimit = 64 << 20, Pids = 3,
    };

    private ContainerStatsOptions Stats(params string[] containers)
        => new() { Containers = containers, NoStream = true, Interval = TimeSpan.Zero, Stdout = _stdout, Stderr = _stderr };

    [Fact]
    public async Task Stats_NoStream_PrintsDockersTableOfTheRunningContainers()
    {
        Assert.Equal(0, await ResourceOperations.StatsAsync(_client, Stats(), CancellationToken.None));

        // 0.25 s of 2 s of host time on 4 CPUs: 50%.
        Assert.Equal(
            "CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n" +
            "2699ea609acb   runner    50.00%    632KiB / 64MiB      0.96%     0B / 0B   0B / 0B     3\n",
            _stdout.ToString());
    }

    [Fact]
    public async Task Stats_All_ShowsStoppedContainersWithZeros()
    {
        _client.ResourcesFake.AddReadings(TestContainers.Quit.Id, new ContainerStatsSample(TestContainers.Quit.Id, "quit", DateTimeOffset.UnixEpoch));
        _client.ResourcesFake.AddReadings(TestContainers.Practical.Id, new ContainerStatsSample(TestContainers.Practical.Id, "practical_khayyam", DateTimeOffset.UnixEpoch));

        Assert.Equal(0, await ResourceOperations.StatsAsync(_client, Stats() with { All = true, Format = "table {{.Name}}\\t{{.MemUsage}}" }, CancellationToken.None));

        Assert.Equal(
            "NAME                MEM USAGE / LIMIT\nquit                0B / 0B\nrunner              632KiB / 64MiB\nweb                 0B / 0B\npractical_khayyam   0B / 0B\n",
            _stdout.ToString());
    }

    [Fact]
    public async Task Stats_JsonFormat_NamesTheContainerAsGiven()
    {
        Assert.Equal(0, await ResourceOperations.StatsAsync(_client, Stats("runner") with { Format = "json" }, CancellationToken.None));

        Assert.Equal(
            "{\"BlockIO\":\"0B / 0B\",\"CPUPerc\":\"50.00%\",\"Container\":\"runner\",\"ID\":\"2699ea609acb\",\"MemPerc\":\"0.96%\"," +
            "\"MemUsage\":\"632KiB / 64MiB\",\"Name\":\"runner\",\"NetIO\":\"0B / 0B\",\"PIDs\":\"3\"}\n",
            _stdout.ToString());
    }

    [Fact]
    public async Task Stats_UnknownContainer_PrintsOnlyTheErrorAndFails()
    {
        Assert.Equal(1, await ResourceOperations.StatsAsync(_client, Stats("runner", "nosuch"), CancellationToken.None));

        Assert.Equal(string.Empty, _stdout.ToString());
        Assert.Equal("Error response from daemon: No such container: nosuch\n", _stderr.ToString());
    }

    [Fact]
    public async Task Stats_Live_RedrawsFromTheTopUntilCancelled()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        int code = await ResourceOperations.StatsAsync(_client, Stats("runner") with { NoStream = false, Interval = TimeSpan.FromMilliseconds(50), Format = "{{.Name}} {{.PIDs}}" },
            cancel.Token);

        Assert.Equal(0, code);
        string output = _stdout.ToString();
        Assert.StartsWith("\u001b[2J\u001b[Hrunner 3\u001b[K\n\u001b[J\u001b[Hrunner 3\u001b[K\n\u001b[J", output);
    }

    [Fact]
    public async Task Top_AlignsPsOutputInCellsOfTwentyCharacters()
    {
        _client.ResourcesFake.Tables["runner"] = new ProcessTable(["UID", "PID", "CMD"], [["root", "25522", "sleep 1000"]]);

        await ResourceOperations.TopAsync(_client, new ContainerTopOptions { Container = "runner", Stdout = _stdout }, CancellationToken.None);

        Assert.Equal("UID                 PID                 CMD\nroot                25522               sleep 1000\n", _stdout.ToString());
    }

    [Fact]
    public async Task Update_ReadsRunsFlagsAndPrintsEachName()
    {
        var options = new ContainerUpdateOptions
        {
            Containers = ["runner", "nosuch"], Resources = new() { Memory = "128m", Cpus = "0.5", PidsLimit = "-1" }, Restart = "on-failure:3",
            Stdout = _stdout, Stderr = _stderr,
        };
        _client.ResourcesFake.Refused.Add("nosuch");

        Assert.Equal(1, await ResourceOperations.UpdateAsync(_client, options, CancellationToken.None));

        Assert.Equal("runner\n", _stdout.ToString());
        Assert.Equal("Error response from daemon: No such container: nosuch\n", _stderr.ToString());
        var update = Assert.Single(_client.ResourcesFake.Updates).Update;
        Assert.Equal((128L << 20, 0.5m, -1L, "on-failure:3"), (update.Memory, update.Cpus, update.PidsLimit, update.Restart?.ToString()));
    }

    [Fact]
    public async Task Update_WithoutFlags_IsRefusedBeforeAnyCall()
    {
        var options = new ContainerUpdateOptions { Containers = ["runner"], Stdout = _stdout, Stderr = _stderr };

        var refused = await Assert.ThrowsAsync<ClientException>(() => ResourceOperations.UpdateAsync(_client, options, CancellationToken.None));

        Assert.Equal("you must provide one or more flags when using this command", refused.Message);
        Assert.Empty(_client.ResourcesFake.Updates);
    }

    [Fact]
    public async Task Update_BadSize_IsDockersUsageError()
    {
        var options = new ContainerUpdateOptions { Containers = ["runner"], Resources = new() { Memory = "lots" }, Stdout = _stdout, Stderr = _stderr };

        var refused = await Assert.ThrowsAsync<ClientException>(() => ResourceOperations.UpdateAsync(_client, options, CancellationToken.None));

        Assert.Equal(125, refused.ExitCode);
        Assert.StartsWith("invalid argument \"lots\" for \"-m, --memory\" flag", refused.Message, StringComparison.Ordinal);
    }
}
