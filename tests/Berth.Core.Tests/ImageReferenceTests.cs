using Berth.Oci;

namespace Berth.Core.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36")]
    [InlineData("library/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("user/app:v1", "docker.io/user/app:v1", "user/app:v1")]
    [InlineData("docker.io/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("index.docker.io/user/app", "docker.io/user/app:latest", "user/app:latest")]
    [InlineData("localhost/app", "localhost/app:latest", "localhost/app:latest")]
    [InlineData("localhost:5000/a/b/c:t", "localhost:5000/a/b/c:t", "localhost:5000/a/b/c:t")]
    [InlineData("127.0.0.1:5000/test/busybox", "127.0.0.1:5000/test/busybox:latest", "127.0.0.1:5000/test/busybox:latest")]
    [InlineData("quay.io/org/app_x-y.z:1.0-rc.1", "quay.io/org/app_x-y.z:1.0-rc.1", "quay.io/org/app_x-y.z:1.0-rc.1")]
    [InlineData("[::1]:5000/app", "[::1]:5000/app:latest", "[::1]:5000/app:latest")]
    public void Parse_Normalises_AsDocker(string text, string full, string familiar)
    {
        var reference = ImageReference.Parse(text);
        Assert.Equal(full, reference.ToString());
        Assert.Equal(familiar, reference.Familiar);
    }

    [Fact]
    public void Parse_Digest_HasNoDefaultTag()
    {
        const string digest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        var pinned = ImageReference.Parse($"busybox@{digest}");
        Assert.Null(pinned.Tag);
        Assert.Equal(digest, pinned.ManifestKey);
        Assert.Equal($"docker.io/library/busybox@{digest}", pinned.ToString());
        var both = ImageReference.Parse($"busybox:1@{digest}");
        Assert.Equal(("1", digest), (both.Tag, both.ManifestKey));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Busybox", "must be lowercase")]
    [InlineData("busybox:", "tag")]
    [InlineData("busybox:-x", "tag")]
    [InlineData("busybox@sha256:abc", "is not a digest")]
    [InlineData("a//b", "not a valid image name")]
    [InlineData("-a", "not a valid image name")]
    [InlineData("host:port/x", "not a valid image name")]
    public void Parse_Invalid_SaysWhy(string text, string why)
        => Assert.Contains(why, Assert.Throws<FormatException>(() => ImageReference.Parse(text)).Message, StringComparison.Ordinal);
}
