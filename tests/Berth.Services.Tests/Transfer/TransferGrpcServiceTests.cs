using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;

namespace Berth.Services.Tests.Transfer;

public sealed class TransferGrpcServiceTests
{
    private static readonly TransferProgress[] Script =
    [
        new("docker.io/library/busybox:latest", TransferStatus.Resolving),
        new("9ad63333ebc9", TransferStatus.Downloading, 100, 2000),
        new("9ad63333ebc9", TransferStatus.Complete, 2000, 2000),
        new("docker.io/library/busybox:latest", TransferStatus.Done) { Detail = "sha256:" + new string('a', 64) },
    ];

    [Fact]
    public async Task Pull_StreamsTheProgressInOrder_InTheCallersNamespace()
    {
        var transfer = new ScriptedImageTransfer(Script);
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect("team-a");
        var request = new ImagePullRequest("busybox")
        {
            Platform = new Platform("linux", "arm64") { Variant = "v8" },
            Unpack = false,
            Snapshotter = "native",
            Credentials = new RegistryCredentials("me", "secret") { IdentityToken = "tok" },
        };

        var received = await client.Transfer.PullAsync(request, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Script, received);
        var (scope, seen, token) = transfer.LastPull!.Value;
        Assert.Equal("team-a", scope.Namespace);
        Assert.Equal(request.Platform, seen.Platform);
        Assert.Equal((false, "native", false), (seen.Unpack, seen.Snapshotter, seen.AllPlatforms));
        Assert.Equal(("me", "secret", "tok"), (seen.Credentials!.Username, seen.Credentials.Password, seen.Credentials.IdentityToken));
        Assert.False(token.CanBeCanceled);
    }

    [Fact]
    public async Task Pull_DefaultRequest_UnpacksWithNoPlatformOrCredentials()
    {
        var transfer = new ScriptedImageTransfer(Script);
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect();

        await client.Transfer.PullAsync(new ImagePullRequest("busybox"), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        var seen = transfer.LastPull!.Value.Request;
        Assert.Equal((true, null, null, null), (seen.Unpack, seen.Platform, seen.Snapshotter, seen.Credentials));
    }

    [Fact]
    public async Task Pull_ClientGoesAwayMidPull_ThePullStillFinishes()
    {
        var transfer = new ScriptedImageTransfer(Script) { Gated = true };
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect();
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await using (var progress = client.Transfer.PullAsync(new ImagePullRequest("busybox"), watch.Token).GetAsyncEnumerator(watch.Token))
        {
            Assert.True(await progress.MoveNextAsync());
            Assert.Equal(TransferStatus.Resolving, progress.Current.Status);
            await watch.CancelAsync();
        }

        await Task.Delay(200, TestContext.Current.CancellationToken); // let the server see the call end
        Assert.False(transfer.Finished.Task.IsCompleted);
        transfer.Gate.SetResult();
        await transfer.Finished.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Pull_Fails_TheClientSeesTheSameErrorKind()
    {
        var transfer = new ScriptedImageTransfer(Script[..1]) { FailWith = new NotFoundException("docker.io/library/nosuch:latest: not found") };
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect();
        var received = new List<TransferProgress>();

        var error = await Assert.ThrowsAsync<NotFoundException>(async () =>
        {
            await foreach (var item in client.Transfer.PullAsync(new ImagePullRequest("nosuch"), TestContext.Current.CancellationToken))
            {
                received.Add(item);
            }
        });

        Assert.Equal("docker.io/library/nosuch:latest: not found", error.Message);
        Assert.Equal(Script[..1], received);
    }

    [Fact]
    public async Task Pull_EmptyReference_InvalidArgument()
    {
        await using var host = await TransferTestHost.StartAsync(new ScriptedImageTransfer(Script));
        await using var client = host.Connect();

        await Assert.ThrowsAsync<InvalidArgumentException>(async () =>
            await client.Transfer.PullAsync(new ImagePullRequest(""), TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Login_PassesServerAndCredentials_RefusalIsPermissionDenied()
    {
        var transfer = new ScriptedImageTransfer(Script);
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect();

        await client.Transfer.LoginAsync("127.0.0.1:5000", new RegistryCredentials("me", "right"), TestContext.Current.CancellationToken);
        Assert.Equal(("127.0.0.1:5000", "me", "right"), (transfer.LastLogin!.Value.Registry, transfer.LastLogin.Value.Credentials.Username,
            transfer.LastLogin.Value.Credentials.Password));

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(async () =>
            await client.Transfer.LoginAsync("127.0.0.1:5000", new RegistryCredentials("me", "wrong"), TestContext.Current.CancellationToken));
        Assert.Contains("unauthorized", refused.Message, StringComparison.Ordinal);
    }
}
