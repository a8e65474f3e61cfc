using Berth.Core.Engine;

namespace Berth.Operations.Tests.Fakes;

/// <summary>
/// Four containers as dockerd listed them in a session whose `docker ps -a` the tests compare with (newest first),
/// seen at <see cref="Now"/>.
/// </summary>
internal static class TestContainers
{
    public static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public const string ImageId = "sha256:0d05c13b6526ac6fe540991f12a5d2b0f9a3746830795529f27f8af49b205a90";

    public static ContainerDetails Quit { get; } = Make("daee1a1d175eefdea2af08a33c41c261578602f7517bd02b9b0e7d47a69fc42c", "quit", ["sh", "-c", "exit 4"], -3,
        new ContainerState(ContainerStatus.Exited) { ExitCode = 4, StartedAt = Now.AddSeconds(-3), FinishedAt = Now.AddSeconds(-2) });

    public static ContainerDetails Runner { get; } = Make("2699ea609acbf31abaa37a71170e657c30f6201326203eb9936f3bce917bdac4", "runner",
        ["sh", "-c", "echo hello; echo oops >&2; sleep 1000"], -4, new ContainerState(ContainerStatus.Running) { Pid = 4242, StartedAt = Now.AddSeconds(-3) })
        with { Labels = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" } };

    public static ContainerDetails Web { get; } = Make("56ee6d61b69f4a4e2d5529d9ee71577a84c6be34c9a4360864582dcc937b3595", "web", ["sleep", "100"], -7,
        new ContainerState(ContainerStatus.Created)) with { Labels = new Dictionary<string, string> { ["a"] = "b" } };

    public static ContainerDetails Practical { get; } = Make("b9ded80b2f1f1ec9e246668d5abdaf63d34c58c8879981393287e4639fe6ba79", "practical_khayyam", ["true"],
        -90, new ContainerState(ContainerStatus.Exited) { StartedAt = Now.AddSeconds(-90), FinishedAt = Now.AddSeconds(-90) });

    public static IEnumerable<ContainerDetails> All => [Quit, Runner, Web, Practical];

    private static ContainerDetails Make(string id, string name, string[] args, int createdSeconds, ContainerState state)
        => new(id, name, new ContainerCreate("busybox"))
        {
            Created = Now.AddSeconds(createdSeconds),
            ImageName = "docker.io/library/busybox:latest",
            ImageId = ImageId,
            Args = args,
            Cmd = args,
            Hostname = id[..12],
            State = state,
            Snapshotter = "overlayfs",
            LogPath = $"/var/lib/berth/containers/{id}/{id}-json.log",
        };
}
