using Berth.Core.Errors;
using Berth.Runtime.Spec;
using Berth.Testing;

namespace Berth.Runtime.Tests.Spec;

public sealed class UserResolverTests : IDisposable
{
    private readonly TempDirectory _rootfs = new("spec-users");

    public UserResolverTests()
    {
        Directory.CreateDirectory(_rootfs.Combine("etc"));
        File.WriteAllText(_rootfs.Combine("etc", "passwd"), "# users\nroot:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\nbroken\n");
        File.WriteAllText(_rootfs.Combine("etc", "group"), "root:x:0:\nwheel:x:10:root,app\napp:x:1000:\nextra:x:2000:app\n");
    }

    public void Dispose() => _rootfs.Dispose();

    [Theory]
    [InlineData(null, 0u, 0u, new uint[] { 10 })]
    [InlineData("", 0u, 0u, new uint[] { 10 })]
    [InlineData("app", 1000u, 1000u, new uint[] { 10, 2000 })]
    [InlineData("1000", 1000u, 1000u, new uint[] { 10, 2000 })]
    [InlineData("app:extra", 1000u, 2000u, new uint[0])]
    [InlineData("app:55", 1000u, 55u, new uint[0])]
    [InlineData("4242", 4242u, 0u, new uint[0])]
    [InlineData("4242:4343", 4242u, 4343u, new uint[0])]
    public void Resolve_UserSpec_GivesRuncIds(string? user, uint uid, uint gid, uint[] additional)
    {
        var resolved = UserResolver.Resolve(user, _rootfs.Path);

        Assert.Equal((uid, gid), (resolved.Uid, resolved.Gid));
        Assert.Equal(additional, resolved.AdditionalGids);
    }

    [Fact]
    public void Resolve_GroupAdd_AppendsNamedAndNumericGroups()
    {
        Assert.Equal([10u, 2000, 3000], UserResolver.Resolve("app", _rootfs.Path, ["extra", "3000"]).AdditionalGids);
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("app:nogroup")]
    public void Resolve_UnknownName_Throws(string user)
    {
        Assert.Throws<InvalidArgumentException>(() => UserResolver.Resolve(user, _rootfs.Path));
    }

    [Fact]
    public void Resolve_NoRootfs_AcceptsNumbersOnly()
    {
        Assert.Equal((5u, 6u), (UserResolver.Resolve("5:6", null).Uid, UserResolver.Resolve("5:6", null).Gid));
        Assert.Throws<InvalidArgumentException>(() => UserResolver.Resolve("app", null));
    }
}
