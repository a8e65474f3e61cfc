using Berth.Core.Errors;
using Berth.Remotes.Archive;

namespace Berth.Remotes.Tests.Archive;

public sealed class ImageChangesTests
{
    [Fact]
    public void Apply_NoChanges_NoConfig() => Assert.Null(ImageChanges.Apply(null, []));

    [Fact]
    public void Apply_ShellAndJsonForms_AsDockerfile()
    {
        var config = ImageChanges.Apply(null, ["CMD echo hi", "entrypoint [\"/init\"]", "ENV PATH /bin:/usr/bin", "ENV A=1 B=\"two\"", "ENV A=3",
            "EXPOSE 80 53/udp", "USER 1000:1000", "LABEL k=v", "VOLUME /data", "STOPSIGNAL SIGINT"])!;

        Assert.Equal(["/bin/sh", "-c", "echo hi"], config.Cmd);
        Assert.Equal(["/init"], config.Entrypoint);
        Assert.Equal(["PATH=/bin:/usr/bin", "B=two", "A=3"], config.Env);
        Assert.Equal(["80/tcp", "53/udp"], config.ExposedPorts);
        Assert.Equal("1000:1000", config.User);
        Assert.Equal("v", config.Labels!["k"]);
        Assert.Equal(["/data"], config.Volumes);
        Assert.Equal("SIGINT", config.StopSignal);
    }

    [Theory]
    [InlineData("RUN make", "RUN is not a valid change command")]
    [InlineData("WORKDIR", "WORKDIR requires an argument")]
    [InlineData("ENV A", "ENV A needs a value")]
    public void Apply_BadChange_InvalidArgument(string change, string message)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => ImageChanges.Apply(null, [change]));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
