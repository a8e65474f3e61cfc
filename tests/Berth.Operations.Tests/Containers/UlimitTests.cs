using Berth.Core.Errors;
using Berth.Operations.Containers;

namespace Berth.Operations.Tests.Containers;

public sealed class UlimitTests
{
    [Theory]
    [InlineData("nofile=1024", "nofile", 1024L, 1024L)]
    [InlineData("nofile=1024:2048", "nofile", 1024L, 2048L)]
    [InlineData("core=-1", "core", -1L, -1L)]
    [InlineData("nproc=10:-1", "nproc", 10L, -1L)]
    public void Parse_Accepted(string text, string name, long soft, long hard)
        => Assert.Equal(new Ulimit(name, soft, hard), Ulimit.Parse(text));

    [Theory]
    [InlineData("nofile=abc", "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("nofile", "invalid ulimit argument: nofile")]
    [InlineData("bogus=1", "invalid ulimit type: bogus")]
    [InlineData("nofile=10:5", "ulimit soft limit must be less than or equal to hard limit: 10 > 5")]
    [InlineData("nofile=-1:10", "ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 10")]
    [InlineData("nofile=1:2:3", "too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`")]
    public void Parse_Refused_InDockersWords(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => Ulimit.Parse(text)).Message);

    [Fact]
    public void ToString_IsTheFlagsForm() => Assert.Equal("nofile=1024:2048", Ulimit.Parse("nofile=1024:2048").ToString());
}
