using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Tests.Registry.Fakes;
using Microsoft.AspNetCore.Http;

namespace Berth.Remotes.Tests.Registry;

public sealed class RegistryFetchTests : RegistryClientTestBase
{
    [Fact]
    public async Task Fetch_Blob_StreamsTheVerifiedContent()
    {
        byte[] content = RandomBytes(3 * 1024 * 1024 + 17);
        var blob = Registry.AddBlob("test/app", content);

        Assert.Equal(content, await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 0, Ct), Ct));
    }

    [Fact]
    public async Task Fetch_Manifest_ReadsFromTheManifestsEndpoint()
    {
        var manifest = Registry.AddManifest("test/app", null, MediaTypes.OciManifest, ManifestBody());

        byte[] read = await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), manifest, 0, Ct), Ct);

        Assert.Equal(ManifestBody(), read);
        Assert.Single(Registry.RequestsTo($"/manifests/{manifest.Digest}"));
    }

    [Fact]
    public async Task Fetch_Offset_AsksForTheRangeAndReturnsTheRest()
    {
        byte[] content = RandomBytes(1000);
        var blob = Registry.AddBlob("test/app", content);

        byte[] read = await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 600, Ct), Ct);

        Assert.Equal(content[600..], read);
        Assert.Equal("bytes=600-", Registry.RequestsTo("/blobs/").Last().Header("Range"));
    }

    [Fact]
    public async Task Fetch_OffsetIgnoredByTheRegistry_SkipsWhatTheCallerHas()
    {
        byte[] content = RandomBytes(1000);
        var blob = Registry.AddBlob("test/app", content);
        Registry.IgnoreRange = true;

        byte[] read = await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 600, Ct), Ct);

        Assert.Equal(content[600..], read);
    }

    [Fact]
    public async Task Fetch_OffsetAtTheEnd_ReturnsAnEmptyStreamWithoutARequest()
    {
        var blob = Registry.AddBlob("test/app", RandomBytes(10));

        Assert.Empty(await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 10, Ct), Ct));
        Assert.Empty(Registry.RequestsTo("/blobs/"));
    }

    [Fact]
    public async Task Fetch_CorruptBlob_ThrowsDigestMismatchAtTheEnd()
    {
        var blob = Registry.AddBlob("test/app", RandomBytes(100_000));
        Registry.CorruptBlob(blob.Digest);

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(
            async () => await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 0, Ct), Ct));

        Assert.StartsWith("digest mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains(blob.Digest.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_RegistryServesAnotherSize_ThrowsSizeMismatch()
    {
        var blob = Registry.AddBlob("test/app", RandomBytes(100));

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(
            () => CreateClient().FetchAsync(Reference("test/app"), blob with { Size = 99 }, 0, Ct).AsTask());

        Assert.StartsWith("size mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ConnectionResetMidBody_ResumesWithARange()
    {
        byte[] content = RandomBytes(200_000);
        var blob = Registry.AddBlob("test/app", content);
        Registry.InterceptFirst(1, FakeRegistry.Is("GET", "/blobs/"), async context =>
        {
            context.Response.ContentLength = content.Length;
            await context.Response.Body.WriteAsync(content.AsMemory(0, 50_000));
            await context.Response.Body.FlushAsync();
            await Task.Delay(200); // let the headers arrive, so that the reset hits the body
            context.Abort();
        });

        byte[] read = await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 0, Ct), Ct);

        Assert.Equal(content, read);
        Assert.StartsWith("bytes=", Registry.RequestsTo("/blobs/").Last().Header("Range"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_StalledBody_ResumesAfterTheReadTimeout()
    {
        byte[] content = RandomBytes(10_000);
        var blob = Registry.AddBlob("test/app", content);
        Registry.InterceptFirst(1, FakeRegistry.Is("GET", "/blobs/"), async context =>
        {
            context.Response.ContentLength = content.Length;
            await context.Response.Body.WriteAsync(content.AsMemory(0, 4_000));
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });

        Assert.Equal(content, await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 0, Ct), Ct));
        Assert.Equal("bytes=4000-", Registry.RequestsTo("/blobs/").Last().Header("Range"));
    }

    [Fact]
    public async Task Fetch_UnknownBlob_ThrowsNotFoundNamingIt()
    {
        var missing = new Descriptor("application/octet-stream", Digest.Sha256(Bytes("nothing")), 7);

        var error = await Assert.ThrowsAsync<NotFoundException>(() => CreateClient().FetchAsync(Reference("test/app"), missing, 0, Ct).AsTask());

        Assert.Equal($"blob {missing.Digest} of {Registry.Host}/test/app not found: blob unknown: blob unknown to registry", error.Message);
    }

    [Fact]
    public async Task Fetch_RedirectToAnotherHost_FollowsItWithoutCredentials()
    {
        await using var storage = await FakeRegistry.StartAsync();
        byte[] content = RandomBytes(5000);
        var blob = Registry.AddBlob("test/app", content);
        Registry.Auth = FakeAuth.Bearer();
        Registry.Intercept = context =>
        {
            if (!context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal) || context.Request.Headers.Authorization.Count == 0)
            {
                return Task.FromResult(false); // let the registry challenge first
            }

            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"{storage.BaseUri}storage/{blob.Digest.Encoded}?signature=abc";
            return Task.FromResult(true);
        };
        storage.Intercept = async context =>
        {
            await context.Response.Body.WriteAsync(content);
            return true;
        };

        Assert.Equal(content, await ReadAllAsync(await CreateClient().FetchAsync(Reference("test/app"), blob, 0, Ct), Ct));
        var redirected = Assert.Single(storage.Requests);
        Assert.Equal("?signature=abc", redirected.Query);
        Assert.Null(redirected.Header("Authorization"));
    }
}
