using Berth.Core.Containers;
using Berth.Core.Errors;
using Containerd.Events;
using Containerd.Services.Containers.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Container = Berth.Core.Containers.Container;

namespace Berth.Services.Tests.Containers;

public sealed class ContainersGrpcServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PackedMessage Spec = new("types.containerd.io/opencontainers/runtime-spec/1/Spec", "{\"ociVersion\":\"1.0.2\"}"u8.ToArray());
    private static readonly PackedMessage Options = new("containerd.runc.v1.Options", new byte[] { 0x0a, 0x04, 0x72, 0x75, 0x6e, 0x63 });

    private static Container Web(string id = "web") => new(id)
    {
        Image = "docker.io/library/busybox:latest",
        Runtime = new ContainerRuntime("io.containerd.runc.v2", Options),
        Spec = Spec,
        Snapshotter = "overlayfs",
        SnapshotKey = id,
        Labels = new Dictionary<string, string> { ["tier"] = "front" },
        Extensions = new Dictionary<string, PackedMessage> { ["ext"] = new("google.protobuf.StringValue", new byte[] { 0x0a, 0x01, 0x78 }) },
    };

    [Fact]
    public async Task Create_ThenGet_KeepsSpecOptionsAndExtensionsByteForByte_InTheCallersNamespace()
    {
        await using var host = await ContainersTestHost.StartAsync();
        await using var client = host.Connect("team-a");

        var created = await client.Containers.CreateAsync(Web(), Ct);
        var read = await client.Containers.GetAsync("web", Ct);

        Assert.Equal(ContainersTestHost.Now, created.CreatedAt);
        Assert.Equal((Spec, Options), (read.Spec, read.Runtime.Options));
        Assert.Equal(Web().Extensions["ext"], read.Extensions["ext"]);
        Assert.Equal(("docker.io/library/busybox:latest", "io.containerd.runc.v2", "overlayfs", "web"),
            (read.Image, read.Runtime.Name, read.Snapshotter, read.SnapshotKey));
        Assert.Equal("front", read.Labels["tier"]);
        Assert.Equal(Spec, (await host.Store("team-a").GetAsync("web", Ct)).Spec);
        await Assert.ThrowsAsync<NotFoundException>(() => host.Connect("team-b").Containers.GetAsync("web", Ct).AsTask());
    }

    [Fact]
    public async Task Create_PublishesContainerCreate_WithIdImageAndRuntime()
    {
        await using var host = await ContainersTestHost.StartAsync();
        await using var client = host.Connect("team-a");

        await client.Containers.CreateAsync(Web(), Ct);

        var envelope = Assert.Single(host.Events.Published);
        Assert.Equal(("team-a", "/containers/create", "containerd.events.ContainerCreate"), (envelope.Namespace, envelope.Topic, envelope.Event.TypeUrl));
        var ev = ContainerCreate.Parser.ParseFrom(envelope.Event.Value.Span);
        Assert.Equal(("web", "docker.io/library/busybox:latest", "io.containerd.runc.v2"), (ev.Id, ev.Image, ev.Runtime.Name));
        Assert.Equal(Options.Value.ToArray(), ev.Runtime.Options.Value.ToByteArray());
    }

    [Fact]
    public async Task Create_ExistingId_IsAlreadyExistsOnTheWire_AndPublishesNothing()
    {
        await using var host = await ContainersTestHost.StartAsync();
        await using var client = host.Connect();
        await client.Containers.CreateAsync(Web(), Ct);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => client.Containers.CreateAsync(Web(), Ct).AsTask());
        var raw = await Assert.ThrowsAsync<RpcException>(() => host.RawClient().CreateAsync(
            new CreateContainerRequest { Container = Containerd.Services.Containers.V1.Container.FromCore(Web()) },
            ContainersTestHost.Namespace("default"), cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, raw.StatusCode);
        Assert.Single(host.Events.Published);
    }

    [Fact]
    public async Task Update_PassesTheMaskPaths_AndPublishesContainerUpdateWithTheLabels()
    {
        await using var host = await ContainersTestHost.StartAsync();
        await using var client = host.Connect("team-a");
        await client.Containers.CreateAsync(Web(), Ct);

        var update = new Container("web") { Labels = new Dictionary<string, string> { ["team"] = "blue" } };
        var updated = await client.Containers.UpdateAsync(update, ["labels.team"], Ct);

        Assert.Equal(["labels.team"], host.Store("team-a").LastFieldPaths);
        Assert.Equal("blue", updated.Labels["team"]);
        var envelope = host.Events.Published[^1];
        Assert.Equal(("/containers/update", "containerd.events.ContainerUpdate"), (envelope.Topic, envelope.Event.TypeUrl));
        var ev = ContainerUpdate.Parser.ParseFrom(envelope.Event.Value.Span);
        Assert.Equal(("web", "docker.io/library/busybox:latest", "web", "blue"), (ev.Id, ev.Image, ev.SnapshotKey, ev.Labels["team"]));
    }

    [Fact]
    public async Task Update_WithoutMask_PassesNoPaths_AndWithoutId_IsInvalidArgument()
    {
        await using var host = await ContainersTestHost.StartAsync();
        await using var client = host.Connect();
        await client.Containers.CreateAsync(Web(), Ct);

        await client.Containers.UpdateAsync(Web(), null, Ct);
        Assert.Null(host.Store("default").LastFieldPaths);

        var raw = await Assert.ThrowsAsync<RpcException>(() => host.RawClient().UpdateAsync(
            new UpdateContainerRequest { Container = new() }, ContainersTestHost.Namespace("default"), cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, raw.StatusCode);
    }

    [Fact]
    public async Task List_UnaryAndStreamed_PassTheFilters_AndReturnEveryMatch()
    {
        await using var host = await ContainersTestHost.StartAsync();
        await using var client = host.Connect();
        foreach (string id in new[] { "c", "a", "b" })
        {
            await client.Containers.CreateAsync(Web(id), Ct);
        }

        var streamed = await client.Containers.ListAsync(["labels.tier==front", "id==a"], Ct).Select(c => c.Id).ToListAsync(Ct);
        Assert.Equal(["a", "b", "c"], streamed);
        Assert.Equal(["labels.tier==front", "id==a"], host.Store("default").LastFilters);

        var request = new ListContainersRequest { Filters = { "image" } };
        var unary = await host.RawClient().ListAsync(request, ContainersTestHost.Namespace("default"), cancellationToken: Ct);
        Assert.Equal(["a", "b", "c"], unary.Containers.Select(c => c.Id));
        Assert.Equal(["image"], host.Store("default").LastFilters);
        Assert.Equal(Spec.Value.ToArray(), unary.Containers[0].Spec.Value.ToByteArray());
        Assert.Equal(Timestamp.FromDateTimeOffset(ContainersTestHost.Now), unary.Containers[0].CreatedAt);
    }

    [Fact]
    public async Task Delete_PublishesContainerDelete_AndAMissingContainerIsNotFound()
    {
        await using var host = await ContainersTestHost.StartAsync();
        await using var client = host.Connect("team-a");
        await client.Containers.CreateAsync(Web(), Ct);

        await client.Containers.DeleteAsync("web", Ct);

        var envelope = host.Events.Published[^1];
        Assert.Equal(("team-a", "/containers/delete"), (envelope.Namespace, envelope.Topic));
        Assert.Equal("web", ContainerDelete.Parser.ParseFrom(envelope.Event.Value.Span).Id);
        await Assert.ThrowsAsync<NotFoundException>(() => client.Containers.DeleteAsync("web", Ct).AsTask());
        Assert.Equal(2, host.Events.Published.Count);
    }

    [Fact]
    public async Task Create_WithoutNamespaceHeader_IsInvalidArgument()
    {
        await using var host = await ContainersTestHost.StartAsync();

        var raw = await Assert.ThrowsAsync<RpcException>(() => host.RawClient().CreateAsync(
            new CreateContainerRequest { Container = Containerd.Services.Containers.V1.Container.FromCore(Web()) }, cancellationToken: Ct).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, raw.StatusCode);
        Assert.Empty(host.Events.Published);
    }
}
