using Berth.Core.Errors;
using Berth.Core.Logs;

namespace Berth.Core.Tests.Logs;

public sealed class JsonLogOptionsTests
{
    [Theory]
    [InlineData("10m", 10L << 20)]
    [InlineData("512k", 512L << 10)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1.5MB", 3L << 19)]
    [InlineData("2048", 2048L)]
    public void MaxSize_DockerUnits(string text, long bytes)
        => Assert.Equal(bytes, JsonLogOptions.Parse(new Dictionary<string, string> { ["max-size"] = text }).MaxSize);

    [Fact]
    public void Defaults_NoRotation()
        => Assert.Equal(new JsonLogOptions(JsonLogOptions.Unlimited, 1), JsonLogOptions.Parse(new Dictionary<string, string>()));

    [Theory]
    [InlineData("max-size", "ten", "invalid size: 'ten'")]
    [InlineData("max-size", "10q", "invalid suffix: 'q'")]
    [InlineData("max-file", "0", "max-file")]
    [InlineData("mode", "non-blocking", "unknown log opt 'mode'")]
    public void BadOption_SaysWhich(string key, string value, string expected)
    {
        var options = new Dictionary<string, string> { [key] = value };
        if (key == "max-file")
        {
            options["max-size"] = "1m";
        }

        Assert.Contains(expected, Assert.Throws<InvalidArgumentException>(() => JsonLogOptions.Parse(options)).Message);
    }

    [Fact]
    public void MaxFileWithoutMaxSize_IsRefused()
        => Assert.Contains("max-size", Assert.Throws<InvalidArgumentException>(
            () => JsonLogOptions.Parse(new Dictionary<string, string> { ["max-file"] = "3" })).Message);
}
