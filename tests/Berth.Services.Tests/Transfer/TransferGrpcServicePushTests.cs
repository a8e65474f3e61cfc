using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;

namespace Berth.Services.Tests.Transfer;

public sealed class TransferGrpcServicePushTests
{
    private static readonly TransferProgress[] Script =
    [
        new("9ad63333ebc9", TransferStatus.Waiting, 0, 2000),
        new("9ad63333ebc9", TransferStatus.Pushing, 100, 2000),
        new("9ad63333ebc9", TransferStatus.Mounted, 2000, 2000) { Detail = "library/busybox" },
        new("127.0.0.1:5000/app:v1", TransferStatus.Done, 527, 527) { Detail = "sha256:" + new string('a', 64) },
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_StreamsTheProgressInOrder_WithTheRequestInTheCallersNamespace()
    {
        var transfer = new ScriptedImageTransfer(Script);
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect("team-b");
        var request = new ImagePushRequest("127.0.0.1:5000/app:v1")
        {
            Platform = new Platform("linux", "arm64"),
            Credentials = new RegistryCredentials("me", "secret"),
        };

        var received = await client.Transfer.PushAsync(request, Ct).ToListAsync(Ct);

        Assert.Equal(Script, received);
        var (scope, seen) = transfer.LastPush!.Value;
        Assert.Equal("team-b", scope.Namespace);
        Assert.Equal((request.Reference, request.Platform), (seen.Reference, seen.Platform));
        Assert.Equal(("me", "secret"), (seen.Credentials!.Username, seen.Credentials.Password));
    }

    [Fact]
    public async Task Push_ClientGoesAwayMidPush_ThePushStillFinishes()
    {
        var transfer = new ScriptedImageTransfer(Script) { Gated = true };
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect();
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await using (var progress = client.Transfer.PushAsync(new ImagePushRequest("127.0.0.1:5000/app:v1"), watch.Token).GetAsyncEnumerator(watch.Token))
        {
            Assert.True(await progress.MoveNextAsync());
            await watch.CancelAsync();
        }

        await Task.Delay(200, Ct);
        Assert.False(transfer.Finished.Task.IsCompleted);
        transfer.Gate.SetResult();
        await transfer.Finished.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Push_NoSuchImage_TheClientSeesNotFoundWithTheMessage()
    {
        const string message = "An image does not exist locally with the tag: 127.0.0.1:5000/app";
        var transfer = new ScriptedImageTransfer([]) { FailWith = new NotFoundException(message) };
        await using var host = await TransferTestHost.StartAsync(transfer);
        await using var client = host.Connect();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => client.Transfer.PushAsync(new ImagePushRequest("127.0.0.1:5000/app:v1"), Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Push_EmptyReference_InvalidArgument()
    {
        await using var host = await TransferTestHost.StartAsync(new ScriptedImageTransfer(Script));
        await using var client = host.Connect();

        await Assert.ThrowsAsync<InvalidArgumentException>(() => client.Transfer.PushAsync(new ImagePushRequest(""), Ct).ToListAsync(Ct).AsTask());
    }
}
