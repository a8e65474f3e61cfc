using Berth.Operations.Output;

namespace Berth.Operations.Tests.Output;

public sealed class HumanUnitsTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(999, "999B")]
    [InlineData(1000, "1kB")]
    [InlineData(4_261_376, "4.26MB")]
    [InlineData(1_240_000, "1.24MB")]
    [InlineData(123_456_789, "123MB")]
    [InlineData(12_345_678, "12.3MB")]
    [InlineData(999_999, "1e+03kB")] // docker's own rounding quirk (go-units with %.3g)
    [InlineData(5_000_000_000, "5GB")]
    public void Size_ThreeDigits_AsDockerImages(long bytes, string expected) => Assert.Equal(expected, HumanUnits.Size(bytes));

    [Theory]
    [InlineData(1024, "1.024kB")]
    [InlineData(2_097_152, "2.097MB")]
    [InlineData(32, "32B")]
    public void Size_FourDigits_AsDockerProgress(long bytes, string expected) => Assert.Equal(expected, HumanUnits.Size(bytes, 4));

    [Theory]
    [InlineData(0.5, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(59, "59 seconds")]
    [InlineData(60, "About a minute")]
    [InlineData(3599, "59 minutes")]
    [InlineData(3600, "About an hour")]
    [InlineData(47 * 3600, "47 hours")]
    [InlineData(48 * 3600, "2 days")]
    [InlineData(14 * 86400, "2 weeks")]
    [InlineData(60 * 86400, "2 months")]
    [InlineData(800 * 86400, "2 years")]
    public void Duration_AsGoUnits(double seconds, string expected) => Assert.Equal(expected, HumanUnits.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(125, "2m5s")]
    [InlineData(3603, "1h0m3s")]
    public void GoDuration_WholeSeconds(int seconds, string expected) => Assert.Equal(expected, HumanUnits.GoDuration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(9.996, 3, "10")]
    [InlineData(0.00001234, 3, "1.23e-05")]
    [InlineData(100, 3, "100")]
    [InlineData(1000, 3, "1e+03")]
    public void FormatG_MatchesGo(double value, int precision, string expected) => Assert.Equal(expected, HumanUnits.FormatG(value, precision));
}
