using Berth.Storage.Metadata;

namespace Berth.Storage.Tests.Metadata;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2024-03-01T12:00:00Z", "2024-03-01T12:00:00+00:00")]
    [InlineData("2024-03-01T14:00:00+02:00", "2024-03-01T12:00:00+00:00")]
    [InlineData("2024-03-01T12:00:00.123456789Z", "2024-03-01T12:00:00.1234567+00:00")]
    public void TryParse_GoFormattedTimes_ParseToTheSameInstant(string text, string expected)
    {
        Assert.True(Rfc3339.TryParse(text, out var time));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2024-03-01")]
    [InlineData("")]
    public void TryParse_NotRfc3339_ReturnsFalse(string text) => Assert.False(Rfc3339.TryParse(text, out _));

    [Fact]
    public void Format_RoundTrips()
    {
        var time = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.FromHours(1));

        Assert.Equal("2030-01-02T02:04:05Z", Rfc3339.Format(time));
        Assert.True(Rfc3339.TryParse(Rfc3339.Format(time), out var parsed) && parsed == time);
    }
}
