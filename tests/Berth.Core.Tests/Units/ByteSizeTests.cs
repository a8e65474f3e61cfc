using Berth.Core.Errors;
using Berth.Core.Units;

namespace Berth.Core.Tests.Units;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("512k", 512L << 10)]
    [InlineData("512K", 512L << 10)]
    [InlineData("10m", 10L << 20)]
    [InlineData("10 m", 10L << 20)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("2gb", 2L << 30)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("7b", 7L)]
    [InlineData("1t", 1L << 40)]
    public void Parse_DockerSizes(string text, long bytes) => Assert.Equal(bytes, ByteSize.Parse(text));

    [Theory]
    [InlineData("1x", "invalid suffix: 'x'")]
    [InlineData("1bb", "invalid suffix: 'bb'")]
    [InlineData("1mx", "invalid suffix: 'mx'")]
    [InlineData("1kibb", "invalid suffix: 'kibb'")]
    [InlineData("-5", "invalid size: '-5'")]
    [InlineData("abc", "invalid size: 'abc'")]
    [InlineData("", "invalid size: ''")]
    public void Parse_Refused_InDockersWords(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => ByteSize.Parse(text)).Message);
}
