using Berth.Core.Errors;
using Berth.Oci;
using Berth.Remotes.Registry;
using Microsoft.AspNetCore.Http;

namespace Berth.Remotes.Tests.Registry;

public sealed class RegistryResolveTests : RegistryClientTestBase
{
    [Fact]
    public async Task Resolve_Tag_UsesOneHeadWithEveryManifestType()
    {
        var stored = Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());

        var resolved = await CreateClient().ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Equal(stored, resolved);
        var request = Assert.Single(Registry.RequestsTo("/manifests/"));
        Assert.Equal("HEAD", request.Method);
        string accept = request.Header("Accept")!;
        Assert.All(new[] { MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifest, MediaTypes.DockerManifestList },
            type => Assert.Contains(type, accept, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolve_HeadWithoutDigest_GetsAndHashesTheBody()
    {
        var stored = Registry.AddManifest("test/app", "v1", MediaTypes.DockerManifestList, ManifestBody(MediaTypes.DockerManifestList));
        Registry.Intercept = context =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Remove("Docker-Content-Digest");
                return Task.CompletedTask;
            });
            return Task.FromResult(false);
        };

        var resolved = await CreateClient().ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Equal(stored, resolved);
        Assert.Equal(["HEAD", "GET"], Registry.RequestsTo("/manifests/").Select(r => r.Method));
    }

    [Fact]
    public async Task Resolve_UnhelpfulContentType_SniffsTheMediaTypeFromTheBody()
    {
        Registry.AddManifest("test/app", "v1", "application/json", ManifestBody(MediaTypes.OciIndex));

        var resolved = await CreateClient().ResolveAsync(Reference("test/app:v1"), Ct);

        Assert.Equal(MediaTypes.OciIndex, resolved.MediaType);
    }

    [Fact]
    public async Task Resolve_ByDigest_TheReferenceDigestWins()
    {
        var stored = Registry.AddManifest("test/app", null, MediaTypes.OciManifest, ManifestBody());
        Registry.Intercept = context =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Docker-Content-Digest"] = Digest.EmptySha256.ToString();
                return Task.CompletedTask;
            });
            return Task.FromResult(false);
        };

        var resolved = await CreateClient().ResolveAsync(Reference($"test/app@{stored.Digest}"), Ct);

        Assert.Equal(stored.Digest, resolved.Digest);
    }

    [Fact]
    public async Task Resolve_Schema1_ThrowsUnimplemented()
    {
        Registry.AddManifest("test/old", "v1", ManifestMediaTypes.DockerSchema1Signed, Bytes("""{"schemaVersion":1,"name":"test/old"}"""));

        var error = await Assert.ThrowsAsync<UnimplementedException>(() => CreateClient().ResolveAsync(Reference("test/old:v1"), Ct).AsTask());

        Assert.Contains("schema 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_UnknownTag_ThrowsNotFoundWithTheRegistryMessage()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => CreateClient().ResolveAsync(Reference("test/app:nope"), Ct).AsTask());

        Assert.Contains($"manifest for {Registry.Host}/test/app:nope not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("manifest unknown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_ReferenceOfAnotherRegistry_ThrowsInvalidArgument()
    {
        await Assert.ThrowsAsync<InvalidArgumentException>(
            () => CreateClient().ResolveAsync(ImageReference.Parse("example.com/app:v1"), Ct).AsTask());
    }

    [Fact]
    public async Task Resolve_HeadNotAllowed_FallsBackToGet()
    {
        var stored = Registry.AddManifest("test/app", "v1", MediaTypes.OciManifest, ManifestBody());
        Registry.Intercept = async context =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                return false;
            }

            context.Response.StatusCode = 405;
            await Task.CompletedTask;
            return true;
        };

        Assert.Equal(stored, await CreateClient().ResolveAsync(Reference("test/app:v1"), Ct));
    }
}
