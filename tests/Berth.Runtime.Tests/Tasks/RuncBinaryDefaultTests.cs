using Berth.Core.Containers;
using Berth.Runtime.Tasks;
using Google.Protobuf;

namespace Berth.Runtime.Tests.Tasks;

public sealed class RuncBinaryDefaultTests
{
    private const string RuncV2 = "io.containerd.runc.v2";

    [Fact]
    public void Apply_NoOptions_PacksRuncOptionsNamingTheBinary()
    {
        var packed = RuncBinaryDefault.Apply(null, RuncV2, "crun");

        Assert.Equal("containerd.runc.v1.Options", packed!.TypeUrl);
        Assert.Equal("crun", Containerd.Runc.V1.Options.Parser.ParseFrom(packed.Value.Span).BinaryName);
    }

    [Fact]
    public void Apply_RuncOptionsWithoutBinary_KeepsTheirOtherFields()
    {
        var options = Pack(new Containerd.Runc.V1.Options { NoPivotRoot = true, Root = "/run/x" });

        var runc = Containerd.Runc.V1.Options.Parser.ParseFrom(RuncBinaryDefault.Apply(options, RuncV2, "crun")!.Value.Span);

        Assert.Equal(("crun", true, "/run/x"), (runc.BinaryName, runc.NoPivotRoot, runc.Root));
    }

    [Fact]
    public void Apply_ClientNamedABinary_KeepsIt()
    {
        var options = Pack(new Containerd.Runc.V1.Options { BinaryName = "runc" });

        Assert.Same(options, RuncBinaryDefault.Apply(options, RuncV2, "crun"));
    }

    [Theory]
    [InlineData("io.containerd.runc.v2", "")]
    [InlineData("io.containerd.berth.v2", "crun")]
    public void Apply_NoDefaultOrAnotherRuntime_LeavesTheOptionsAlone(string runtime, string binary)
        => Assert.Null(RuncBinaryDefault.Apply(null, runtime, binary));

    private static PackedMessage Pack(Containerd.Runc.V1.Options options) => new("containerd.runc.v1.Options", options.ToByteArray());
}
