using Berth.Core.Engine;
using Berth.Operations.Events;
using Berth.Operations.Output;

namespace Berth.Operations.Tests.Events;

public sealed class EventFilterTests
{
    private const string Id = "f9896eae318e3249b104129f68ad5ee80b5f76e02808e257cfccdcf9e955a68d";

    private static readonly EngineEvent Create = Container("create", ("image", "127.0.0.1:5000/busybox:1"), ("name", "foo2"), ("aa", "2"), ("zz", "1"));
    private static readonly EngineEvent ExecCreate = Container("exec_create: sh -c date", ("image", "busybox"), ("name", "foo2"));
    private static readonly EngineEvent VolumeMount = new(EngineEventTypes.Volume, "mount", "vv", Attributes(("container", Id), ("driver", "local")), 1);
    private static readonly EngineEvent ImageTag = new(EngineEventTypes.Image, "tag", "sha256:1f19", Attributes(("name", "bb:1")), 1);

    [Theory]
    [InlineData("container=foo", true)]         // the start of the name
    [InlineData("container=f98", true)]         // the start of the id
    [InlineData("container=oo2", false)]
    [InlineData("container=bar", false)]
    [InlineData("type=container", true)]
    [InlineData("type=volume", false)]
    [InlineData("event=create", true)]
    [InlineData("event=cre", false)]
    [InlineData("image=127.0.0.1:5000/busybox:1", true)]
    [InlineData("image=127.0.0.1:5000/busybox", true)]  // without its tag
    [InlineData("image=busybox", false)]
    [InlineData("label=aa", true)]
    [InlineData("label=aa=2", true)]
    [InlineData("label=aa=3", false)]
    [InlineData("volume=vv", false)]
    [InlineData("network=bridge", true)]        // keys for objects berth lacks: ignored, as dockerd 20.10
    public void Matches_OneFilter_AsDockerd(string filter, bool matches)
        => Assert.Equal(matches, EventFilter.Parse([filter]).Matches(Create));

    [Fact]
    public void Matches_SameKeyAnyValue_DifferentKeysAll_LabelsAll()
    {
        Assert.True(EventFilter.Parse(["event=die", "event=create"]).Matches(Create));
        Assert.False(EventFilter.Parse(["event=create", "type=volume"]).Matches(Create));
        Assert.True(EventFilter.Parse(["label=aa=2", "label=zz=1"]).Matches(Create));
        Assert.False(EventFilter.Parse(["label=aa=2", "label=zz=5"]).Matches(Create));
    }

    [Fact]
    public void Matches_ExecAction_ByItsNameWithoutTheCommand()
    {
        Assert.True(EventFilter.Parse(["event=exec_create"]).Matches(ExecCreate));
        Assert.True(EventFilter.Parse(["event=exec_create: sh -c date"]).Matches(ExecCreate));
        Assert.False(EventFilter.Parse(["event=exec_start"]).Matches(ExecCreate));
    }

    [Fact]
    public void Matches_VolumeAndImageEvents_ByTheirOwnIdsAndNames()
    {
        Assert.True(EventFilter.Parse(["volume=vv"]).Matches(VolumeMount));
        // A volume event's container attribute is not its actor: dockerd's container filter leaves it out.
        Assert.False(EventFilter.Parse(["container=" + Id]).Matches(VolumeMount));
        Assert.True(EventFilter.Parse(["image=bb:1"]).Matches(ImageTag));
        Assert.True(EventFilter.Parse(["image=bb"]).Matches(ImageTag));
        Assert.True(EventFilter.Parse(["image=sha256:1f19"]).Matches(ImageTag));
        Assert.False(EventFilter.Parse(["image=sha256"]).Matches(ImageTag));
    }

    [Fact]
    public void Parse_WithoutEquals_IsDockersUsageError()
    {
        var error = Assert.Throws<ClientException>(() => EventFilter.Parse(["bad"]));
        Assert.Equal(("invalid argument \"bad\" for \"-f, --filter\" flag: bad format of filter (expected name=value)", 125), (error.Message, error.ExitCode));
    }

    [Theory]
    [InlineData("busybox:1", "busybox")]
    [InlineData("127.0.0.1:5000/library/busybox", "127.0.0.1:5000/library/busybox")]
    [InlineData("127.0.0.1:5000/library/busybox:latest", "127.0.0.1:5000/library/busybox")]
    [InlineData("busybox@sha256:abcd", "busybox")]
    public void WithoutTag_DropsTagOrDigestButNotAPort(string reference, string expected)
        => Assert.Equal(expected, EventFilter.WithoutTag(reference));

    private static EngineEvent Container(string action, params (string Key, string Value)[] attributes)
        => new(EngineEventTypes.Container, action, Id, Attributes(attributes), 1);

    private static Dictionary<string, string> Attributes(params (string Key, string Value)[] attributes)
        => attributes.ToDictionary(a => a.Key, a => a.Value);
}
