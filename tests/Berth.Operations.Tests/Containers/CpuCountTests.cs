using Berth.Core.Errors;
using Berth.Operations.Containers;

namespace Berth.Operations.Tests.Containers;

public sealed class CpuCountTests
{
    [Theory]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("3/2", 1_500_000_000L)]
    [InlineData("0", 0L)]
    [InlineData("0.001", 1_000_000L)]
    [InlineData("2", 2_000_000_000L)]
    public void Parse_Accepted(string text, long nano) => Assert.Equal(nano, CpuCount.ParseNanoCpus(text, available: 2));

    [Theory]
    [InlineData("abc", "failed to parse abc as a rational number")]
    [InlineData("1/0", "failed to parse 1/0 as a rational number")]
    [InlineData("-1", "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available")]
    [InlineData("100", "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available")]
    public void Parse_Refused_InDockersWords(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => CpuCount.ParseNanoCpus(text, available: 2)).Message);
}
