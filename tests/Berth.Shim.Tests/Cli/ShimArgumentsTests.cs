using Berth.Core.Errors;
using Berth.Shim.Cli;

namespace Berth.Shim.Tests.Cli;

public sealed class ShimArgumentsTests
{
    [Fact]
    public void Parse_ContainerdStartLine_FlagsAndAction()
    {
        var parsed = ShimArguments.Parse(["-namespace", "default", "-address", "/run/berth/berthd.sock", "-publish-binary", "/usr/bin/berthd", "-id", "c1", "-debug", "start"]);

        Assert.Equal(("default", "/run/berth/berthd.sock", "/usr/bin/berthd", "c1", true, "start"),
            (parsed.Namespace, parsed.Address, parsed.PublishBinary, parsed.Id, parsed.Debug, parsed.Action));
    }

    [Fact]
    public void Parse_EqualsAndDoubleDash_Accepted()
    {
        var parsed = ShimArguments.Parse(["--namespace=k8s.io", "-bundle=/b", "-id", "x", "delete"]);

        Assert.Equal(("k8s.io", "/b", "x", "delete"), (parsed.Namespace, parsed.Bundle, parsed.Id, parsed.Action));
    }

    [Fact]
    public void Parse_ServerLineFromStart_SocketAndInheritedDescriptor()
    {
        var parsed = ShimArguments.Parse(["-namespace", "n", "-id", "x", "-socket", "/run/berth/s/ab", "-listen-fd", "3"]);

        Assert.Equal(("", "/run/berth/s/ab", 3), (parsed.Action, parsed.Socket, parsed.ListenFd));
        Assert.Equal(0, ShimArguments.Parse(["-id", "x"]).ListenFd);
    }

    [Fact]
    public void Parse_NoAction_ServesAndBundleIsTheWorkingFolder()
    {
        var parsed = ShimArguments.Parse(["-namespace", "n", "-id", "x"]);

        Assert.Equal("", parsed.Action);
        Assert.Equal(Directory.GetCurrentDirectory(), parsed.BundleOrWorkingFolder);
    }

    [Theory]
    [InlineData("-bogus", "1")]
    [InlineData("-id")]
    public void Parse_BadFlag_InvalidArgument(params string[] args)
    {
        Assert.Throws<InvalidArgumentException>(() => ShimArguments.Parse(args));
    }
}
