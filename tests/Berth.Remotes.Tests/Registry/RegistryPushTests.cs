using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Tests.Registry.Fakes;

namespace Berth.Remotes.Tests.Registry;

public sealed class RegistryPushTests : RegistryClientTestBase
{
    private static Descriptor Describe(byte[] content) => new("application/octet-stream", Digest.Sha256(content), content.Length);

    [Fact]
    public async Task PushBlob_Small_PostsThenPutsWithTheDigest()
    {
        byte[] content = RandomBytes(1000);
        var blob = Describe(content);

        await CreateClient().PushBlobAsync(Reference("test/app"), blob, new MemoryStream(content), Ct);

        Assert.Equal(content, Registry.Blob(blob.Digest));
        Assert.Equal(["POST", "PUT"], Registry.RequestsTo("/blobs/uploads/").Select(r => r.Method));
        Assert.Contains($"digest={Uri.EscapeDataString(blob.Digest.ToString())}", Registry.RequestsTo("/blobs/uploads/").Last().Query,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushBlob_Large_PatchesChunksFollowingEachLocation()
    {
        byte[] content = RandomBytes(1500);
        var blob = Describe(content);
        var settings = FastSettings with { MonolithicUploadLimit = 1000, UploadChunkSize = 400 };

        await CreateClient(settings: settings).PushBlobAsync(Reference("test/app"), blob, new MemoryStream(content), Ct);

        Assert.Equal(content, Registry.Blob(blob.Digest));
        var uploads = Registry.RequestsTo("/blobs/uploads/").ToList();
        Assert.Equal(["POST", "PATCH", "PATCH", "PATCH", "PATCH", "PUT"], uploads.Select(r => r.Method));
        Assert.Equal(["0-399", "400-799", "800-1199", "1200-1499"], uploads.Where(r => r.Method == "PATCH").Select(r => r.Header("Content-Range")));
        Assert.Equal(["?_state=0", "?_state=400", "?_state=800", "?_state=1200"], uploads.Where(r => r.Method == "PATCH").Select(r => r.Query));
        Assert.StartsWith("?_state=1500&digest=", uploads[^1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushBlob_UploadStepFails_RestartsTheUploadAndCancelsTheFailedOne()
    {
        byte[] content = RandomBytes(1000);
        var blob = Describe(content);
        Registry.InterceptFirst(1, FakeRegistry.Is("PUT", "/blobs/uploads/"), FakeRegistry.Status(500));

        await CreateClient().PushBlobAsync(Reference("test/app"), blob, new MemoryStream(content), Ct);

        Assert.Equal(content, Registry.Blob(blob.Digest));
        Assert.Equal(["POST", "PUT", "DELETE", "POST", "PUT"], Registry.RequestsTo("/blobs/uploads/").Select(r => r.Method));
        Assert.Equal(0, Registry.OpenUploads);
    }

    [Fact]
    public async Task PushBlob_ContentShorterThanItsDescriptor_ThrowsSizeMismatch()
    {
        byte[] content = RandomBytes(1000);

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(() => CreateClient()
            .PushBlobAsync(Reference("test/app"), Describe(content) with { Size = 1200 }, new MemoryStream(content), Ct).AsTask());

        Assert.StartsWith("size mismatch", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Registry.OpenUploads);
    }

    [Fact]
    public async Task PushBlob_DigestRefusedByTheRegistry_ThrowsFailedPreconditionWithItsMessage()
    {
        byte[] content = RandomBytes(1000);
        var wrong = Describe(content) with { Digest = Digest.Sha256(Bytes("other")) };

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(
            () => CreateClient().PushBlobAsync(Reference("test/app"), wrong, new MemoryStream(content), Ct).AsTask());

        Assert.Contains("digest invalid: provided digest did not match uploaded content", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlobExists_AnswersFromAHead()
    {
        var blob = Registry.AddBlob("test/app", RandomBytes(10));
        var client = CreateClient();

        Assert.True(await client.BlobExistsAsync(Reference("test/app"), blob, Ct));
        Assert.False(await client.BlobExistsAsync(Reference("test/other"), blob, Ct));
        Assert.All(Registry.RequestsTo("/blobs/"), r => Assert.Equal("HEAD", r.Method));
    }

    [Fact]
    public async Task TryMountBlob_BlobInTheSource_MountsWithAPullScopeOnTheSource()
    {
        Registry.Auth = FakeAuth.Bearer();
        var blob = Registry.AddBlob("test/base", RandomBytes(10));

        Assert.True(await CreateClient().TryMountBlobAsync(Reference("test/app"), blob, "test/base", Ct));

        Assert.True(Registry.HasBlob("test/app", blob.Digest));
        Assert.Equal("repository:test/app:pull,push repository:test/base:pull", Assert.Single(Registry.TokenRequests));
    }

    [Fact]
    public async Task TryMountBlob_NotMountable_CancelsTheOpenedUploadAndSaysNo()
    {
        var blob = Describe(RandomBytes(10));

        Assert.False(await CreateClient().TryMountBlobAsync(Reference("test/app"), blob, "test/base", Ct));

        Assert.Equal(["POST", "DELETE"], Registry.RequestsTo("/blobs/uploads/").Select(r => r.Method));
        Assert.Equal(0, Registry.OpenUploads);
    }

    [Fact]
    public async Task PushManifest_Tag_PutsWithTheMediaTypeUnderTheTag()
    {
        byte[] body = ManifestBody(MediaTypes.DockerManifest);
        var descriptor = new Descriptor(MediaTypes.DockerManifest, Digest.Sha256(body), body.Length);
        var client = CreateClient();

        await client.PushManifestAsync(Reference("test/app:v2"), descriptor, body, Ct);

        var put = Assert.Single(Registry.RequestsTo("/manifests/"));
        Assert.Equal("/v2/test/app/manifests/v2", put.Path);
        Assert.Equal(MediaTypes.DockerManifest, put.Header("Content-Type"));
        Assert.Equal(descriptor, await client.ResolveAsync(Reference("test/app:v2"), Ct));
    }

    [Fact]
    public async Task PushManifest_DigestReference_PutsByDigest()
    {
        byte[] body = ManifestBody();
        var descriptor = new Descriptor(MediaTypes.OciManifest, Digest.Sha256(body), body.Length);

        await CreateClient().PushManifestAsync(Reference("test/app:v2").WithDigest(descriptor.Digest), descriptor, body, Ct);

        Assert.Equal($"/v2/test/app/manifests/{descriptor.Digest}", Assert.Single(Registry.RequestsTo("/manifests/")).Path);
    }

    [Fact]
    public async Task PushManifest_BodyNotMatchingItsDescriptor_ThrowsInvalidArgumentBeforeSending()
    {
        byte[] body = ManifestBody();
        var descriptor = new Descriptor(MediaTypes.OciManifest, Digest.Sha256(Bytes("x")), body.Length);

        await Assert.ThrowsAsync<InvalidArgumentException>(() => CreateClient().PushManifestAsync(Reference("test/app:v2"), descriptor, body, Ct).AsTask());
        Assert.Empty(Registry.RequestsTo("/manifests/"));
    }

    [Fact]
    public async Task PushManifest_RegistryStoresAnotherDigest_ThrowsDigestMismatch()
    {
        byte[] body = ManifestBody();
        var descriptor = new Descriptor(MediaTypes.OciManifest, Digest.Sha256(body), body.Length);
        Registry.InterceptFirst(1, FakeRegistry.Is("PUT", "/manifests/"), context =>
        {
            context.Response.StatusCode = 201;
            context.Response.Headers["Docker-Content-Digest"] = Digest.EmptySha256.ToString();
            return Task.CompletedTask;
        });

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(
            () => CreateClient().PushManifestAsync(Reference("test/app:v2"), descriptor, body, Ct).AsTask());

        Assert.StartsWith("digest mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushManifest_BlobsMissing_ThrowsFailedPreconditionSayingSo()
    {
        byte[] body = ManifestBody();
        var descriptor = new Descriptor(MediaTypes.OciManifest, Digest.Sha256(body), body.Length);
        Registry.InterceptFirst(1, FakeRegistry.Is("PUT", "/manifests/"),
            context => FakeRegistry.WriteErrorAsync(context, 400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry"));

        var error = await Assert.ThrowsAsync<FailedPreconditionException>(
            () => CreateClient().PushManifestAsync(Reference("test/app:v2"), descriptor, body, Ct).AsTask());

        Assert.Contains("manifest blob unknown: blob unknown to registry; push the blobs it references first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PushBlob_AnonymousAgainstAuthenticatingRegistry_ThrowsPushAccessDenied()
    {
        Registry.Auth = FakeAuth.Basic("alice", "secret");
        byte[] content = RandomBytes(10);

        var error = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => CreateClient().PushBlobAsync(Reference("test/app"), Describe(content), new MemoryStream(content), Ct).AsTask());

        Assert.StartsWith($"push access denied for {Registry.Host}/test/app", error.Message, StringComparison.Ordinal);
    }
}
