using Berth.Core.Containers.Options;
using Berth.Core.Engine;
using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Output;

namespace Berth.Operations.Tests.Containers;

/// <summary>
/// -v and --mount naming volumes: what reaches the engine, and docker's refusals in its words (those of docker 28's
/// CLI as usage errors, dockerd's as InvalidArgument).
/// </summary>
public sealed class ContainerVolumeFlagsTests
{
    private static readonly FlagHost Host = new(_ => null, "/work/here", 4);

    private static ContainerCreate From(string[]? volumes = null, string[]? mounts = null, string[]? tmpfs = null)
        => ContainerRequest.From(new ContainerCreateFlags { Image = "busybox", Volumes = volumes ?? [], Mounts = mounts ?? [], Tmpfs = tmpfs ?? [] }, Host);

    [Fact]
    public void Volume_NameOrNothingBeforeTheDestination_IsAVolume_PathsStayBinds()
    {
        var request = From(["data:/data", "cache:/c/:ro,nocopy,Z", "/anon", "/srv:/srv", "./rel:/rel"]);

        Assert.Equal(
            [new VolumeMount("data", "/data"), new VolumeMount("cache", "/c") { ReadOnly = true, NoCopy = true }, new VolumeMount(null, "/anon")],
            request.Volumes);
        Assert.Equal([new BindMount("/srv", "/srv"), new BindMount("/work/here/rel", "/rel")], request.Spec.Binds);
    }

    [Fact]
    public void Mount_TypeVolume_NamedOrAnonymous()
    {
        var request = From(mounts: ["type=volume,source=data,target=/data,readonly,volume-nocopy", "type=VOLUME,dst=/anon", "src=v,dst=/v,volume-driver=local"]);

        Assert.Equal(
            [new VolumeMount("data", "/data") { ReadOnly = true, NoCopy = true }, new VolumeMount(null, "/anon"), new VolumeMount("v", "/v")],
            request.Volumes);
        Assert.Empty(request.Spec.Binds);
    }

    [Theory]
    [InlineData("data:rel", "invalid volume specification: 'data:rel': invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute")]
    [InlineData("rel", "invalid volume specification: 'rel': invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute")]
    [InlineData("data:/d:bogus", "invalid mode: bogus")]
    [InlineData("data:/d:ro,rw", "invalid mode: ro,rw")]
    [InlineData("/d:ro", "invalid volume specification: '/d:ro'")]
    [InlineData("a:/d:ro:x", "invalid volume specification: 'a:/d:ro:x'")]
    [InlineData("data:/d:rprivate", "invalid volume specification: 'data:/d:rprivate': invalid mount config for type \"volume\": field BindOptions must not be specified")]
    [InlineData("data:/", "invalid volume specification: 'data:/': invalid mount config for type \"volume\": invalid specification: destination can't be '/'")]
    public void Volume_Refused_InDockerdsWords(string volume, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => From([volume])).Message);

    [Theory]
    [InlineData("type=volume,target=/d,readonly", "invalid mount config for type \"volume\": must not set ReadOnly mode when using anonymous volumes")]
    [InlineData("type=volume,src=data,dst=rel", "invalid mount config for type \"volume\": invalid mount path: 'rel' mount path must be absolute")]
    [InlineData("type=volume,src=data,dst=/d/../", "invalid mount config for type \"volume\": invalid specification: destination can't be '/'")]
    [InlineData("type=volume,src=data,dst=/d,volume-driver=nope", "error looking up volume plugin nope: plugin \"nope\" not found")]
    public void Mount_Refused_InDockerdsWords(string mount, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => From(mounts: [mount])).Message);

    [Theory]
    [InlineData("type=volume,src=data,dst=/d,bind-propagation=shared", "cannot mix 'bind-*' options with mount type 'volume'")]
    [InlineData("type=volume,src=data,dst=/d,tmpfs-size=1m", "cannot mix 'tmpfs-*' options with mount type 'volume'")]
    [InlineData("type=bind,src=/tmp,dst=/b,volume-nocopy", "cannot mix 'volume-*' options with mount type 'bind'")]
    [InlineData("type=volume,src=data,dst=/d,volume-nocopy=maybe", "invalid value for volume-nocopy: maybe")]
    [InlineData("type=volume,src=data", "target is required")]
    [InlineData("type=,dst=/x", "type is required")]
    [InlineData("type=volume,dst=/x,volume-bogus=1", "unexpected key 'volume-bogus' in 'volume-bogus=1'")]
    public void Mount_Refused_AsDockersCliRefusesIt(string mount, string reason)
    {
        var error = Assert.Throws<ClientException>(() => From(mounts: [mount]));

        Assert.Equal(($"invalid argument \"{mount}\" for \"--mount\" flag: {reason}", 125), (error.Message, error.ExitCode));
    }

    [Fact]
    public void Mount_VolumeLabelsAndOptions_RefusedNotDropped()
        => Assert.Contains("volume-label is not supported yet",
            Assert.Throws<InvalidArgumentException>(() => From(mounts: ["type=volume,src=data,dst=/d,volume-label=a=b"])).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(new[] { "a:/d", "b:/d" }, new string[0], new string[0])]
    [InlineData(new[] { "a:/d/" }, new[] { "type=bind,src=/tmp,dst=/d" }, new string[0])]
    [InlineData(new[] { "/d" }, new string[0], new[] { "/d" })]
    public void TwoMountsAtOnePlace_Refused(string[] volumes, string[] mounts, string[] tmpfs)
        => Assert.Equal("Duplicate mount point: /d", Assert.Throws<InvalidArgumentException>(() => From(volumes, mounts, tmpfs)).Message);
}
