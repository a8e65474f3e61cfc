using Berth.Core.Errors;
using Berth.Shim.Stdio;

namespace Berth.Shim.Tests.Stdio;

public sealed class StdioPathsTests
{
    [Theory]
    [InlineData("/run/fifo/stdout", nameof(OutputKind.Fifo))]
    [InlineData("fifo:///run/x", nameof(OutputKind.Fifo))]
    [InlineData("file:///var/log/c.log", nameof(OutputKind.File))]
    [InlineData("binary:///usr/bin/logger?a=b", nameof(OutputKind.Binary))]
    public void OutputKind_Scheme_Kind(string stdout, string expected)
    {
        Assert.Equal(expected, new StdioPaths("", stdout, "", false).OutputKind.ToString());
    }

    [Fact]
    public void OutputKind_UnknownScheme_InvalidArgument()
    {
        Assert.Throws<InvalidArgumentException>(() => new StdioPaths("", "ftp://x/y", "", false).OutputKind);
    }

    [Fact]
    public void IsNull_NoStreams_True()
    {
        Assert.True(new StdioPaths("", "", "", false).IsNull);
        Assert.False(new StdioPaths("", "/x", "", false).IsNull);
    }
}
