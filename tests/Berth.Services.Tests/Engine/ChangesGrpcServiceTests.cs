using Berth.Api.Containers.V1;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Grpc.Core;
using ConfigChange = Berth.Core.Engine.ConfigChange;

namespace Berth.Services.Tests.Engine;

/// <summary>The Changes service: diff and commit through BerthClient and the wire, both ways, with the error mapping.</summary>
public sealed class ChangesGrpcServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Diff_ChangesArriveInOrderWithTheirKinds_InTheClientsNamespace()
    {
        var changes = new FakeChanges();
        await using var host = await ChangesTestHost.StartAsync(changes);
        await using var client = host.Connect("team");

        var diff = await client.Changes.DiffAsync("web", Ct);

        Assert.Equal(FakeChanges.Diff, diff);
        Assert.Equal("team web", changes.Calls.Single());
    }

    [Fact]
    public async Task Commit_EveryFieldTravels_AndTheIdComesBack()
    {
        var changes = new FakeChanges();
        await using var host = await ChangesTestHost.StartAsync(changes);
        await using var client = host.Connect();
        var request = new ContainerCommit("web")
        {
            Reference = "docker.io/library/app:v1", Message = "msg", Author = "Me <me@x>", Pause = false,
            Changes = [new ConfigChange(ConfigInstruction.Cmd, ["cat", "/etc/x"]), new ConfigChange(ConfigInstruction.StopSignal, ["SIGINT"])],
        };

        string id = await client.Changes.CommitAsync(request, Ct);

        Assert.Equal(FakeChanges.Id, id);
        var received = Assert.IsType<ContainerCommit>(changes.LastCommit);
        Assert.Equal((request.Reference, request.Message, request.Author, request.Pause), (received.Reference, received.Message, received.Author, received.Pause));
        Assert.Equal(request.Changes.Select(c => (c.Instruction, string.Join(' ', c.Values))), received.Changes.Select(c => (c.Instruction, string.Join(' ', c.Values))));
    }

    [Fact]
    public async Task Commit_EmptyOptionals_AreNull()
    {
        var changes = new FakeChanges();
        await using var host = await ChangesTestHost.StartAsync(changes);
        await using var client = host.Connect();

        await client.Changes.CommitAsync(new ContainerCommit("web"), Ct);

        Assert.Equal((null, null, null, true), (changes.LastCommit!.Reference, changes.LastCommit.Message, changes.LastCommit.Author, changes.LastCommit.Pause));
    }

    [Fact]
    public async Task UnknownInstructionOnTheWire_IsInvalidArgument_InDockerdsWords()
    {
        await using var host = await ChangesTestHost.StartAsync(new FakeChanges());
        var request = new CommitRequest { Container = "web", Changes = { new Api.Containers.V1.ConfigChange { Instruction = "RUN" } } };

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await host.RawClient().CommitAsync(request, new Metadata { { "containerd-namespace", "default" } }, cancellationToken: Ct));

        Assert.Equal((StatusCode.InvalidArgument, "run is not a valid change command"), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task MissingContainer_IsNotFoundOnTheClient()
    {
        await using var host = await ChangesTestHost.StartAsync(new FakeChanges());
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<NotFoundException>(async () => await client.Changes.DiffAsync("nosuch", Ct));

        Assert.Equal("No such container: nosuch", error.Message);
    }

    [Fact]
    public async Task NoEngine_CallsAreUnavailable_SayingWhy()
    {
        await using var host = await ChangesTestHost.StartAsync(changes: null);
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<UnavailableException>(async () => await client.Changes.DiffAsync("web", Ct));

        Assert.Contains("no container engine", error.Message, StringComparison.Ordinal);
    }

    private sealed class FakeChanges : IContainerChanges
    {
        public static readonly IReadOnlyList<FileChange> Diff =
            [new(FileChangeKind.Changed, "/etc"), new(FileChangeKind.Added, "/etc/x"), new(FileChangeKind.Deleted, "/tmp/y")];

        public static readonly string Id = "sha256:" + new string('b', 64);

        public List<string> Calls { get; } = [];

        public ContainerCommit? LastCommit { get; private set; }

        public ValueTask<IReadOnlyList<FileChange>> DiffAsync(INamespaceScope scope, string container, CancellationToken cancellationToken = default)
        {
            Calls.Add($"{scope.Namespace} {container}");
            return container == "web" ? ValueTask.FromResult(Diff) : throw new NotFoundException($"No such container: {container}");
        }

        public ValueTask<string> CommitAsync(INamespaceScope scope, ContainerCommit request, CancellationToken cancellationToken = default)
        {
            LastCommit = request;
            return ValueTask.FromResult(Id);
        }
    }
}
