using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Tests.Fakes;

namespace Berth.Operations.Tests.Containers;

public sealed class ContainerListTests
{
    private readonly FakeBerthClient _client = new();

    public ContainerListTests() => _client.EngineFake.Containers.AddRange(TestContainers.All);

    private async Task<string> PsAsync(ContainerListOptions? options = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        await ContainerOperations.ListAsync(_client, (options ?? new ContainerListOptions { Stdout = output }) with
        {
            Stdout = output,
            Time = new FixedTime(TestContainers.Now),
        }, CancellationToken.None);
        return output.ToString();
    }

    private static ContainerListOptions Ps => new() { Stdout = TextWriter.Null };

    [Fact]
    public async Task All_AsDockersTable()
    {
        // `docker ps -a` of dockerd with the same containers, byte for byte.
        Assert.Equal(
            "CONTAINER ID   IMAGE     COMMAND                  CREATED              STATUS                          PORTS     NAMES\n" +
            "daee1a1d175e   busybox   \"sh -c 'exit 4'\"         3 seconds ago        Exited (4) 2 seconds ago                  quit\n" +
            "2699ea609acb   busybox   \"sh -c 'echo hello; …\"   4 seconds ago        Up 3 seconds                              runner\n" +
            "56ee6d61b69f   busybox   \"sleep 100\"              7 seconds ago        Created                                   web\n" +
            "b9ded80b2f1f   busybox   \"true\"                   About a minute ago   Exited (0) About a minute ago             practical_khayyam\n",
            await PsAsync(Ps with { All = true }));
    }

    [Fact]
    public async Task Default_RunningOnly()
        => Assert.Equal(["CONTAINER", "2699ea609acb"], (await PsAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]));

    [Fact]
    public async Task Quiet_NoTrunc_Last()
    {
        Assert.Equal("daee1a1d175e\n2699ea609acb\n56ee6d61b69f\nb9ded80b2f1f\n", await PsAsync(Ps with { All = true, Quiet = true }));
        Assert.Equal(TestContainers.Quit.Id + "\n" + TestContainers.Runner.Id + "\n", await PsAsync(Ps with { Quiet = true, NoTrunc = true, Last = 2 }));
        Assert.Contains("\"sh -c 'echo hello; echo oops >&2; sleep 1000'\"", await PsAsync(Ps with { NoTrunc = true }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_OneObjectPerLine_AsDocker()
    {
        string first = (await PsAsync(Ps with { All = true, Format = "json" })).Split('\n')[0];

        // docker's line, without its "Platform":null (berth has no platform per container).
        Assert.Equal(
            "{\"Command\":\"\\\"sh -c 'exit 4'\\\"\",\"CreatedAt\":\"2024-05-01 11:59:57 +0000 UTC\",\"ID\":\"daee1a1d175e\",\"Image\":\"busybox\"," +
            "\"Labels\":\"\",\"LocalVolumes\":\"0\",\"Mounts\":\"\",\"Names\":\"quit\",\"Networks\":\"none\",\"Ports\":\"\"," +
            "\"RunningFor\":\"3 seconds ago\",\"Size\":\"0B\",\"State\":\"exited\",\"Status\":\"Exited (4) 2 seconds ago\"}", first);
    }

    [Fact]
    public async Task Template_TableAndBare()
    {
        Assert.Equal("NAMES     LABELS\nrunner    a=2,z=1\n", await PsAsync(Ps with { Format = "table {{.Names}}\\t{{.Labels}}" }));
        Assert.Equal("quit:exited\nrunner:running\nweb:created\npractical_khayyam:exited\n", await PsAsync(Ps with { All = true, Format = "{{.Names}}:{{.State}}" }));
    }

    [Theory]
    [InlineData("status=exited", "quit practical_khayyam")]
    [InlineData("name=run", "runner")]
    [InlineData("name=^/web$", "web")]
    [InlineData("id=2699", "runner")]
    [InlineData("label=a=b", "web")]
    [InlineData("label=z", "runner")]
    [InlineData("exited=4", "quit")]
    [InlineData("before=runner", "web practical_khayyam")]
    [InlineData("since=web", "quit runner")]
    [InlineData("network=none", "quit runner web practical_khayyam")]
    [InlineData("publish=80", "")]
    public async Task Filter_AsDockerd(string filter, string names)
        => Assert.Equal(names, (await PsAsync(Ps with { All = true, Format = "{{.Names}}", Filters = [filter] })).Replace('\n', ' ').Trim());

    [Fact]
    public async Task Filter_Unknown_Refused()
        => Assert.Equal("invalid filter 'bogus'", (await Assert.ThrowsAsync<InvalidArgumentException>(() => PsAsync(Ps with { Filters = ["bogus=1"] }))).Message);

    [Theory]
    [InlineData(ContainerStatus.Paused, "Up 3 seconds (Paused)", "paused")]
    [InlineData(ContainerStatus.Restarting, "Restarting (1) 2 seconds ago", "restarting")]
    [InlineData(ContainerStatus.Dead, "Dead", "dead")]
    [InlineData(ContainerStatus.Removing, "Removal In Progress", "removing")]
    public void Status_AsDockerd(ContainerStatus status, string words, string state)
    {
        var now = TestContainers.Now;
        var container = new ContainerState(status) { ExitCode = 1, StartedAt = now.AddSeconds(-3), FinishedAt = now.AddSeconds(-2) };

        Assert.Equal((words, state), (ContainerRows.Status(container, now), ContainerRows.State(container)));
    }
}
