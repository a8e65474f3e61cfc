using System.Runtime.Versioning;
using Berth.Core.Errors;
using Berth.Core.Transfer;
using Berth.Oci;
using Berth.Remotes.Pull;
using Berth.Remotes.Tests.Pull;
using Berth.Remotes.Tests.Registry.Fakes;

namespace Berth.Remotes.Tests.Push;

[SupportedOSPlatform("linux")]
public sealed class PushErrorTests
{
    [Fact]
    public async Task Push_NoSuchLocalImage_NotFoundInDockersWords()
    {
        await using var fixture = await PushFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => fixture.PushAsync(fixture.Reference("nothing/here:v2")));

        Assert.Equal($"An image does not exist locally with the tag: {fixture.Registry.Host}/nothing/here", error.Message);
        Assert.Empty(fixture.Registry.Requests);
    }

    [Fact]
    public async Task Push_LayerMissingFromTheStore_FailsBeforeSendingAnything()
    {
        await using var fixture = await PushFixture.CreateAsync();
        var layer = TestLayer.Build(LayerCompression.Gzip, ("gone", "g"));
        var name = fixture.Reference("app/partial:1");
        await fixture.StoreAsync(name, TestImage.Of("linux/amd64", layer), null, layer.Descriptor.Digest);

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(() => fixture.PushAsync(name));

        Assert.Contains($"blob {layer.Descriptor.Digest}", error.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Registry.Requests);
    }

    [Fact]
    public async Task Push_RegistryWantsCredentials_PermissionDeniedWithoutThemAndPushedWithThem()
    {
        await using var fixture = await PushFixture.CreateAsync();
        fixture.Registry.Auth = FakeAuth.Basic("alice", "secret");
        var name = fixture.Reference("private/app:1");
        await fixture.StoreAsync(name, TestImage.Of("linux/amd64", TestLayer.Build(LayerCompression.Gzip, ("p", "p"))));

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => fixture.PushAsync(name));
        Assert.Contains("push access denied", refused.Message, StringComparison.Ordinal);

        await fixture.PushAsync(name, credentials: new RegistryCredentials("alice", "secret"));
        Assert.NotNull(fixture.Registry.Manifest("private/app", "1"));
    }

    [Fact]
    public async Task Push_ManyLayers_UploadsNoMoreAtOnceThanTheSetting()
    {
        await using var fixture = await PushFixture.CreateAsync(new ImageTransferSettings { MaxConcurrentUploads = 2 });
        var layers = Enumerable.Range(0, 6).Select(i => TestLayer.Build(LayerCompression.Gzip, ($"f{i}", $"{i}"))).ToArray();
        var name = fixture.Reference("app/many:1");
        await fixture.StoreAsync(name, TestImage.Of("linux/amd64", layers));
        int open = 0, most = 0;
        fixture.Registry.Intercept = async context =>
        {
            if (context.Request.Method == "PUT" && context.Request.Path.Value!.Contains("/blobs/uploads/", StringComparison.Ordinal))
            {
                int now = Interlocked.Increment(ref open);
                InterlockedMax(ref most, now);
                await Task.Delay(50);
                Interlocked.Decrement(ref open);
            }

            return false;
        };

        await fixture.PushAsync(name);

        Assert.Equal(2, most);
        Assert.Equal(7, fixture.Uploads().Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (int seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
