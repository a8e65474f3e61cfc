using System.Text.Json;
using Berth.Core.Containers.Options;
using Berth.Core.Errors;
using Berth.Operations.Containers;
using Berth.Operations.Output;

namespace Berth.Operations.Tests.Containers;

/// <summary>The small readers and writers the container commands share: Go's quoting, durations, --mount, templates.</summary>
public sealed class ContainerTextTests
{
    [Theory]
    [InlineData("sh -c 'exit 4'", "\"sh -c 'exit 4'\"")]
    [InlineData("a\"b\\c\n\t", "\"a\\\"b\\\\c\\n\\t\"")]
    [InlineData("bell\u0007", "\"bell\\a\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    [InlineData("héllo…", "\"héllo…\"")]
    public void Quote_AsGosStrconv(string text, string quoted) => Assert.Equal(quoted, GoText.Quote(text));

    [Theory]
    [InlineData("sh -c 'echo hello; echo oops'", 20, "sh -c 'echo hello; …")]
    [InlineData("short", 20, "short")]
    [InlineData("日本語日本語日本語日本語", 10, "日本語日…")]
    public void Ellipsis_AsDockersFormatter(string text, int width, string expected) => Assert.Equal(expected, GoText.Ellipsis(text, width));

    [Theory]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("-2m", -120)]
    [InlineData("500ms", 0.5)]
    public void GoDuration_Parses(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("m")]
    [InlineData("10x")]
    [InlineData("")]
    public void GoDuration_RefusesWhatGoRefuses(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void MountFlag_QuotedFieldsAndBindOptions()
    {
        var bind = Assert.IsType<BindMount>(MountFlag.Parse("type=bind,\"source=/a,b\",target=/c,readonly,bind-recursive=disabled"));

        Assert.Equal(new BindMount("/a,b", "/c") { ReadOnly = true, Recursive = false }, bind);
    }

    [Theory]
    [InlineData("bogus", "invalid field 'bogus' must be a key=value pair")]
    [InlineData("type=bind,src=/tmp,dst=/x,bogus=1", "unexpected key 'bogus' in 'bogus=1'")]
    [InlineData("type=bind,src=/tmp,dst=/x,readonly=maybe", "invalid value for readonly: maybe")]
    [InlineData("type=tmpfs,dst=/t,tmpfs-size=1x", "invalid value for tmpfs-size: 1x")]
    public void MountFlag_Refused_InDockersCliWords(string text, string reason)
        => Assert.Equal($"invalid argument \"{text}\" for \"--mount\" flag: {reason}", Assert.Throws<ClientException>(() => MountFlag.Parse(text)).Message);

    [Theory]
    [InlineData("type=bind,target=/x", "invalid mount config for type \"bind\": field Source must not be empty")]
    [InlineData("type=foo,target=/x", "invalid mount config for type \"foo\": mount type unknown")]
    [InlineData("type=bind,src=/tmp,dst=/x,bind-propagation=foo", "invalid mount config for type \"bind\": invalid propagation mode: foo")]
    public void MountFlag_Refused_InDockerdsWords(string text, string message)
        => Assert.Equal(message, Assert.Throws<InvalidArgumentException>(() => MountFlag.Parse(text)).Message);

    [Theory]
    [InlineData("{{.a}", "template parsing error: template: :1: unclosed action")]
    [InlineData("{{foo .a}}", "template parsing error: template: :1: function \"foo\" not defined")]
    [InlineData("{{if .a}}x", "template parsing error: template: :1: unexpected EOF: {{if}} has no {{end}}")]
    [InlineData("{{end}}", "template parsing error: template: :1: unexpected {{end}}")]
    public void InspectTemplate_Invalid_Refused(string template, string message)
        => Assert.Equal(message, Assert.Throws<ClientException>(() => InspectTemplate.Parse(template)).Message);

    [Theory]
    [InlineData("{{.a}} {{.n}} {{.t}} {{.z}}", "x 42 true <no value>")]
    [InlineData("{{$v := .a}}{{$v}}{{$v}}", "xx")]
    [InlineData("{{range $k, $v := .m}}{{$k}}:{{$v}};{{end}}", "b:2;c:3;")]
    [InlineData("{{range .e}}x{{else}}empty{{end}}", "empty")]
    [InlineData("{{if and .t (eq .a \"x\")}}yes{{end}}", "yes")]
    [InlineData("{{if not .t}}no{{else}}yes{{end}}", "yes")]
    [InlineData("{{.l | len}} {{join .l \",\"}} {{index .m \"c\"}}", "2 p,q 3")]
    [InlineData("{{- .a -}}  {{ .a }}", "xx")]
    [InlineData("{{json .}}", "{\"a\":\"x\",\"e\":[],\"l\":[\"p\",\"q\"],\"m\":{\"b\":2,\"c\":3},\"n\":42,\"t\":true,\"z\":null}")]
    [InlineData("{{.}}", "map[a:x e:[] l:[p q] m:map[b:2 c:3] n:42 t:true z:<nil>]")]
    public void InspectTemplate_Executes(string template, string expected)
    {
        using var document = JsonDocument.Parse("{\"a\":\"x\",\"n\":42,\"t\":true,\"z\":null,\"l\":[\"p\",\"q\"],\"m\":{\"c\":3,\"b\":2},\"e\":[]}");

        Assert.Equal(expected, InspectTemplate.Parse(template).Execute(InspectValue.From(document.RootElement)));
    }
}
