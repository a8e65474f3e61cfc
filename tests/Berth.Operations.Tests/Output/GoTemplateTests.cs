using Berth.Operations.Output;

namespace Berth.Operations.Tests.Output;

public sealed class GoTemplateTests
{
    private static readonly Dictionary<string, string> Row = new() { ["Repository"] = "busybox", ["Tag"] = "latest", ["Digest"] = "<none>" };

    [Theory]
    [InlineData("{{.Repository}}:{{.Tag}}", "busybox:latest")]
    [InlineData("{{ .Repository }}", "busybox")]
    [InlineData("{{.Repository | upper}}", "BUSYBOX")]
    [InlineData("{{upper .Tag}}-{{lower \"ABC\"}}", "LATEST-abc")]
    [InlineData("{{truncate .Repository 4}}", "busy")]
    [InlineData("{{json .Digest}}", "\"\\u003cnone\\u003e\"")]
    [InlineData("{{json .}}", "{\"Digest\":\"\\u003cnone\\u003e\",\"Repository\":\"busybox\",\"Tag\":\"latest\"}")]
    [InlineData("a {{- .Tag -}} b", "alatestb")]
    [InlineData("{{println .Tag}}", "latest\n")]
    [InlineData("plain text", "plain text")]
    public void Execute_SupportedSubset(string template, string expected) => Assert.Equal(expected, GoTemplate.Parse(template).Execute(Row));

    [Theory]
    [InlineData("{{foo .Tag}}", "template parsing error: template: :1: function \"foo\" not defined")]
    [InlineData("{{.Tag", "template parsing error: template: :1: unclosed action")]
    [InlineData("{{}}", "template parsing error: template: :1: missing value for command")]
    public void Parse_Invalid_FailsWithGosWording(string template, string message)
        => Assert.Equal(message, Assert.Throws<ClientException>(() => GoTemplate.Parse(template)).Message);

    [Fact]
    public void Execute_UnknownField_SaysWhichFieldsExist()
    {
        var error = Assert.Throws<ClientException>(() => GoTemplate.Parse("{{.Nope}}").Execute(Row));
        Assert.Contains("can't evaluate field Nope", error.Message, StringComparison.Ordinal);
        Assert.Contains("Digest, Repository, Tag", error.Message, StringComparison.Ordinal);
    }
}
