using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;
using Berth.Remotes.Tests.Pull;

namespace Berth.Remotes.Tests.Push;

/// <summary>A push belongs to the daemon: it outlives its caller, and stops cleanly with the daemon.</summary>
[SupportedOSPlatform("linux")]
public sealed class PushLifecycleTests
{
    [Fact]
    public async Task Push_CallerStopsListening_ThePushGoesOn()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var name = fixture.Reference("app/detached:1");
        await fixture.StoreAsync(name, TestImage.Of("linux/amd64", TestLayer.Build(LayerCompression.Gzip, ("d", "d"))));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Registry.Intercept = async context =>
        {
            if (context.Request.Method == "PUT" && context.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal))
            {
                await gate.Task;
            }

            return false;
        };

        using (var leave = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var item in fixture.Transfer.PushAsync(fixture.Scope, new ImagePushRequest(name.ToString()), leave.Token))
                {
                    await leave.CancelAsync();
                }
            });
        }

        gate.SetResult();
        for (int i = 0; i < 200 && fixture.Registry.Manifest("app/detached", "1") is null; i++)
        {
            await Task.Delay(20, PushFixture.Token);
        }

        Assert.NotNull(fixture.Registry.Manifest("app/detached", "1"));
    }

    [Fact]
    public async Task DisposeAsync_DuringAnUpload_CancelsThePushAndItsUploadSession()
    {
        // One upload at a time, so that the stop finds exactly one session open (one whose POST is under way when the
        // stop comes can only be left to the registry's purge: its location is not known yet).
        await using var fixture = await PushFixture.CreateAsync(new ImageTransferSettings { MaxConcurrentUploads = 1 });
        var name = fixture.Reference("app/stopped:1");
        await fixture.StoreAsync(name, TestImage.Of("linux/amd64", TestLayer.Build(LayerCompression.Gzip, ("s", "s"))));
        var uploading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Registry.Intercept = async context =>
        {
            if (context.Request.Method == "PUT" && context.Request.Path.Value!.Contains("/blobs/uploads/", StringComparison.Ordinal))
            {
                uploading.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return true;
            }

            return false;
        };
        var push = fixture.PushAsync(name);
        await uploading.Task.WaitAsync(TimeSpan.FromSeconds(10), PushFixture.Token);

        await fixture.StopTransferAsync();

        var error = await Assert.ThrowsAsync<UnavailableException>(() => push);
        Assert.Contains("daemon is shutting down", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Registry.OpenUploads);
        Assert.Null(fixture.Registry.Manifest("app/stopped", "1"));
    }
}
